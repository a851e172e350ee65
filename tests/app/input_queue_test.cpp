// The order of input across frames (ui/input_queue.hpp): what ImGui 1.86 can see in one frame
// goes in one frame, the rest waits, nothing is dropped or reordered.

#include "ui/input_queue.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <catch2/catch.hpp>

#include <string>

using tessera::app::ui::InputEvent;
using tessera::app::ui::InputQueue;

namespace {

InputEvent key(int code, int action, int mods = 0) {
    return {InputEvent::Kind::Key, code, 0, action, mods};
}
InputEvent character(char c) {
    InputEvent event;
    event.kind = InputEvent::Kind::Char;
    event.codepoint = static_cast<unsigned char>(c);
    return event;
}
InputEvent click(int action) {
    return {InputEvent::Kind::MouseButton, 0, 0, action, 0};
}

// Every frame's events as text: "c" a character, "K<code><+|->" a key, "B+/-" a button; frames
// separated by "|".
std::string frames(InputQueue& queue) {
    std::string out;
    while (!queue.empty()) {
        for (const auto& event : queue.takeFrame()) {
            if (event.kind == InputEvent::Kind::Char) {
                out += static_cast<char>(event.codepoint);
            } else if (event.kind == InputEvent::Kind::Key) {
                out += "K" + std::to_string(event.code) + (event.action == GLFW_RELEASE ? "-" : "+");
            } else {
                out += event.action == GLFW_RELEASE ? "B-" : "B+";
            }
        }
        out += "|";
    }
    return out;
}

} // namespace

TEST_CASE("plain typing travels with its characters - a command waits for the characters before it", "[app][input]") {
    InputQueue queue;
    // "ab" typed, then Ctrl+Home, then "c": the caret must move after "ab" is in, before "c".
    for (const auto& event :
         {key(GLFW_KEY_A, GLFW_PRESS), character('a'), key(GLFW_KEY_A, GLFW_RELEASE), key(GLFW_KEY_B, GLFW_PRESS),
          character('b'), key(GLFW_KEY_B, GLFW_RELEASE), key(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS, GLFW_MOD_CONTROL),
          key(GLFW_KEY_HOME, GLFW_PRESS, GLFW_MOD_CONTROL), key(GLFW_KEY_HOME, GLFW_RELEASE, GLFW_MOD_CONTROL),
          key(GLFW_KEY_LEFT_CONTROL, GLFW_RELEASE), key(GLFW_KEY_C, GLFW_PRESS), character('c'),
          key(GLFW_KEY_C, GLFW_RELEASE)}) {
        queue.push(event);
    }
    CHECK(frames(queue) == "K65+aK65-K66+bK66-|K341+K268+|K268-K341-K67+|cK67-|");
}

TEST_CASE("a command key or button that changes twice waits a frame, so a fast tap is seen down and up",
          "[app][input]") {
    InputQueue queue;
    queue.push(key(GLFW_KEY_TAB, GLFW_PRESS));
    queue.push(key(GLFW_KEY_TAB, GLFW_RELEASE));
    queue.push(click(GLFW_PRESS));
    queue.push(click(GLFW_RELEASE));
    CHECK(frames(queue) == "K258+|K258-B+|B-|");
}

TEST_CASE("characters typed after a click or a Tab land after it, never before", "[app][input]") {
    InputQueue queue;
    queue.push(character('x'));
    queue.push(click(GLFW_PRESS));
    queue.push(click(GLFW_RELEASE));
    queue.push(character('y'));
    queue.push(key(GLFW_KEY_TAB, GLFW_PRESS));
    queue.push(character('z'));
    CHECK(frames(queue) == "x|B+|B-|y|K258+|z|");
    CHECK(InputQueue::isCommand(key(GLFW_KEY_A, GLFW_PRESS, GLFW_MOD_CONTROL)));
    CHECK_FALSE(InputQueue::isCommand(key(GLFW_KEY_A, GLFW_PRESS)));
    CHECK_FALSE(InputQueue::isCommand(key(GLFW_KEY_LEFT_SHIFT, GLFW_PRESS))); // Shift
}

TEST_CASE("characters above U+FFFF keep their code points beside ImGui's 16-bit queue", "[app][input][emoji]") {
    InputQueue queue;
    InputEvent smile;
    smile.kind = InputEvent::Kind::Char;
    smile.codepoint = 0x1F642; // U+1F642 SLIGHTLY SMILING FACE
    InputEvent replacement = smile;
    replacement.codepoint = 0xFFFD; // typed as itself: stays U+FFFD
    queue.push(character('a'));
    queue.push(smile);
    queue.push(replacement);
    queue.push(key(GLFW_KEY_TAB, GLFW_PRESS));
    InputEvent later = smile;
    later.codepoint = 0x20000; // a CJK Extension B ideograph, in the next frame
    queue.push(later);

    (void)queue.takeFrame();
    CHECK(queue.frameCharacters() == U"a\U0001F642\uFFFD");
    // What ImGui 1.86 queued for the same frame: the emoji narrowed to U+FFFD.
    CHECK(queue.fullCharacters(U"a\uFFFD\uFFFD") == U"a\U0001F642\uFFFD");
    // Not this frame's characters (a different count, or a character that differs): left alone.
    CHECK(queue.fullCharacters(U"a\uFFFD") == U"a\uFFFD");
    CHECK(queue.fullCharacters(U"b\uFFFD\uFFFD") == U"b\uFFFD\uFFFD");
    CHECK(queue.fullCharacters(U"").empty());

    (void)queue.takeFrame(); // the Tab alone
    CHECK(queue.frameCharacters().empty());
    (void)queue.takeFrame();
    CHECK(queue.fullCharacters(U"\uFFFD") == U"\U00020000");
}

TEST_CASE("while input is held, only the releases of keys pressed before the hold go through", "[app][input]") {
    // Enter on a client opens a note on a worker; its release, and what is typed next, arrive
    // meanwhile. The release goes at once (a key seen held down would repeat: an Enter turning
    // into line breaks in the note); the typing waits, in order, with its own press and release.
    InputQueue queue;
    queue.push(key(GLFW_KEY_ENTER, GLFW_RELEASE));
    queue.push(character('S'));
    queue.push(key(GLFW_KEY_TAB, GLFW_PRESS));
    queue.push(key(GLFW_KEY_TAB, GLFW_RELEASE));
    queue.push(click(GLFW_RELEASE));
    const auto released = queue.takeEarlierReleases();
    REQUIRE(released.size() == 2);
    CHECK(released[0].kind == InputEvent::Kind::Key);
    CHECK(released[0].code == GLFW_KEY_ENTER);
    CHECK(released[1].kind == InputEvent::Kind::MouseButton);
    CHECK(queue.takeEarlierReleases().empty());
    CHECK(frames(queue) == "S|K258+|K258-|");
}
