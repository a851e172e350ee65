// The note editor end to end (issue 10): the real app under Xvfb, driven by xdotool as a person
// would drive it: unlock by typing, open the draft by keyboard, type a long paragraph, move the
// caret and insert, narrow the window to a third and widen it again, lock. What reached the vault,
// read back with `tessera-cli export`, is exactly what was typed: no line break inserted at the
// window's width, nothing lost or moved.

#include "child_process.hpp"
#include "test_support.hpp"
#include "virtual_display.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

using namespace tessera;
namespace fs = std::filesystem;
using test::waitFor;

namespace {

const fs::path kApp{TESSERA_APP_PATH};
const fs::path kCli{TESSERA_CLI_PATH};
constexpr const char* kPassphrase = "quartzlanternmeridianseven"; // letters only: typed by xdotool

// Long enough to wrap several times at any width the test uses; plain ASCII, so that xdotool's
// keymap types every character.
constexpr const char* kParagraph =
    "She mentioned, almost in passing, that the handover on Sunday went badly again and that she "
    "sat in the car for twenty minutes afterwards before she could drive home; she wondered aloud "
    "whether she is the difficult one, then laughed and said her sister would call that the old "
    "question. We looked at what she would tell a friend in the same place.";
constexpr const char* kInserted = "Arrived early. ";

} // namespace

TEST_CASE("what the clinician types reaches the vault exactly, through wrapping, insertion and resizing",
          "[app][smoke][editor]") {
    if (!test::Xdotool::available()) {
        WARN("SKIP: xdotool is not installed (scripts/install-deps.sh)");
        return;
    }
    test::TempDir dir;
    test::VirtualDisplay display(1440, 900, dir / "xvfb.log");
    const auto vault = dir / "clinic.tessera";
    core::SessionId draft;
    std::string firstSection;
    {
        auto created = storage::Vault::create(vault, storage::Secret{kPassphrase});
        const auto client = created.addClient({{}, "C-101", "", {}});
        draft = created.createSession(client, *core::Date::parse("2026-11-30"), "ambivalence-progress");
        firstSection = created.session(draft).sections.front().key;
    }
    fs::create_directories(dir / "config" / "tessera");
    test::ChildOptions options;
    options.env = {{"XDG_CONFIG_HOME", (dir / "config").string()}, {"DISPLAY", display.name()}};
    test::Child app(kApp, {"--vault", vault.string()}, options);
    const test::Xdotool xdotool(display);
    const auto ctrl = [&](const std::string& key) { xdotool.ctrl(key); };
    const auto window = xdotool.focusWindow("Tessera");

    // Unlocked when the vault's write-ahead log exists. Characters typed before the passphrase
    // field's first frame are dropped, and a wrong passphrase puts the caret back in the emptied
    // field: so select all, type, Enter, until the vault opens.
    const auto wal = fs::path{vault.string() + "-wal"};
    bool unlocked = false;
    for (int round = 0; round < 10 && !unlocked; ++round) {
        ctrl("a");
        xdotool({"type", "--delay", "30", kPassphrase});
        xdotool({"key", "Return"});
        unlocked = waitFor([&] { return fs::exists(wal); }, std::chrono::seconds(20));
    }
    REQUIRE(unlocked);

    // The client list has the keyboard: Enter opens the client's newest note, the empty draft,
    // whose first section takes the caret.
    xdotool({"key", "Return"});
    xdotool({"type", "--delay", "20", kParagraph});
    // To the start of the field (Ctrl+Home), then insert in front of what was typed.
    ctrl("Home");
    xdotool({"type", "--delay", "20", kInserted});
    // Narrow the window to a third and widen it again: the panes give way, the text reflows in a
    // narrow column, nothing is stored for it, and the field keeps the keyboard.
    xdotool({"windowsize", "--sync", window, "480", "900"});
    xdotool({"windowsize", "--sync", window, "1440", "900"});
    ctrl("End");
    xdotool({"type", "--delay", "20", " Next: the diary."});
    // Ctrl+L saves the draft being edited, then closes the vault (its log goes with it).
    ctrl("l");
    REQUIRE(waitFor([&] { return !fs::exists(wal); }, std::chrono::seconds(120)));
    app.kill();

    const auto exported = dir / "export.json";
    const auto result = test::run(kCli, {"--vault", vault.string(), "export", exported.string()},
                                  {{"TESSERA_PASSPHRASE", kPassphrase}});
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    std::ifstream in(exported);
    const auto document = core::readCaseload(in);
    REQUIRE(document.clients.size() == 1);
    REQUIRE(document.clients.front().sessions.size() == 1);
    const auto& session = document.clients.front().sessions.front();
    const auto* text = session.sectionText(firstSection);
    REQUIRE(text != nullptr);
    CHECK(*text == std::string{kInserted} + kParagraph + " Next: the diary.");
    CHECK(text->find('\n') == std::string::npos);
    for (std::size_t i = 1; i < session.sections.size(); ++i) {
        CHECK(session.sections[i].text.empty()); // nothing landed in another field
    }
}
