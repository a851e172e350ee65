// Starts the real tessera under Xvfb on a demo vault, renders every main view to PNG and checks
// that each picture shows a populated view (not a blank window, not an error).

#include "test_support.hpp"
#include "virtual_display.hpp"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <array>
#include <cstdlib>
#include <set>

using namespace tessera;

namespace {

struct Picture {
    int width = 0;
    int height = 0;
    std::size_t distinctColours = 0;
    double inkFraction = 0.0; // pixels that differ from the most common (background) colour
};

struct Region {
    int x0, y0, x1, y1;
};

// Statistics of the pixels inside `region` (clipped to the picture).
Picture analyse(const std::filesystem::path& path, Region region = {0, 0, 1 << 20, 1 << 20}) {
    Picture picture;
    int channels = 0;
    unsigned char* pixels = stbi_load(path.c_str(), &picture.width, &picture.height, &channels, 3);
    REQUIRE(pixels != nullptr);
    std::map<std::uint32_t, std::size_t> counts;
    std::size_t total = 0;
    for (int y = std::max(0, region.y0); y < std::min(picture.height, region.y1); ++y) {
        for (int x = std::max(0, region.x0); x < std::min(picture.width, region.x1); ++x) {
            const auto i =
                static_cast<std::size_t>(y) * static_cast<std::size_t>(picture.width) + static_cast<std::size_t>(x);
            const auto rgb = (std::uint32_t{pixels[i * 3]} << 16U) | (std::uint32_t{pixels[i * 3 + 1]} << 8U) |
                             std::uint32_t{pixels[i * 3 + 2]};
            ++counts[rgb];
            ++total;
        }
    }
    stbi_image_free(pixels);
    std::size_t background = 0;
    for (const auto& [colour, count] : counts) {
        background = std::max(background, count);
    }
    picture.distinctColours = counts.size();
    picture.inkFraction = 1.0 - static_cast<double>(background) / static_cast<double>(total);
    return picture;
}

// The app's environment, on `display`. Under the sanitizer preset, leak checking is off for the windowed app:
// the OpenGL driver allocates memory it never frees and unloads itself before the leak check
// runs, so the reports name no module we could suppress. The app's own code is leak-checked by
// the headless UI tests, which run the same views without a driver.
std::map<std::string, std::string> appEnvironment(const tessera::test::TempDir& dir,
                                                  const tessera::test::VirtualDisplay& display) {
    std::map<std::string, std::string> env{{"XDG_CONFIG_HOME", (dir / "config").string()}, {"DISPLAY", display.name()}};
#if defined(TESSERA_ADDRESS_SANITIZER)
    const char* asan = std::getenv("ASAN_OPTIONS");
    env["ASAN_OPTIONS"] = std::string{asan != nullptr ? asan : ""} + ":detect_leaks=0";
#endif
    return env;
}

} // namespace

TEST_CASE("the real app renders every main view of a demo vault under Xvfb", "[app][smoke]") {
    test::TempDir dir;
    const auto vault = dir / "demo.tessera";
    const test::VirtualDisplay display(1440, 900, dir / "xvfb.log");
    auto env = appEnvironment(dir, display);
    env["TESSERA_PASSPHRASE"] = "smoke test passphrase";
    const auto demo =
        test::run(TESSERA_CLI_PATH, {"--vault", vault.string(), "demo", "--clients", "4", "--sessions", "30"}, env);
    REQUIRE(demo.exitCode == 0);

    const auto shots = dir / "shots";
    const auto result = test::run(TESSERA_SCREENSHOTS_PATH, {"--vault", vault.string(), "--out", shots.string()}, env);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    for (const char* name :
         {"unlock.png", "notes.png", "themes.png", "search.png", "codebook.png", "templates.png", "settings.png"}) {
        INFO(name);
        REQUIRE(std::filesystem::exists(shots / name));
        CHECK_THAT(result.out, Catch::Contains(name));
        const auto picture = analyse(shots / name);
        CHECK(picture.width == 1440);
        CHECK(picture.height == 900);
        CHECK(picture.distinctColours > 40);
        if (std::string{name} == "unlock.png") {
            CHECK(picture.inkFraction > 0.03);
            continue;
        }
        // A populated view fills its area with text, rows and charts; an empty or placeholder
        // view leaves the area below the tab bar almost bare. The client list must show rows.
        const auto content = analyse(shots / name, {300, 90, 1440, 900});
        CHECK(content.inkFraction > 0.06);
        const auto sidebar = analyse(shots / name, {14, 90, 280, 880});
        CHECK(sidebar.inkFraction > 0.05);
    }
}

TEST_CASE("the app says so when the vault does not unlock", "[app][smoke]") {
    test::TempDir dir;
    const auto vault = dir / "demo.tessera";
    REQUIRE(
        test::run(TESSERA_CLI_PATH, {"--vault", vault.string(), "init"}, {{"TESSERA_PASSPHRASE", "right passphrase"}})
            .exitCode == 0);
    const test::VirtualDisplay display(1440, 900, dir / "xvfb.log");
    auto env = appEnvironment(dir, display);
    env["TESSERA_PASSPHRASE"] = "wrong passphrase";
    const auto result =
        test::run(TESSERA_SCREENSHOTS_PATH, {"--vault", vault.string(), "--out", (dir / "shots").string()}, env);
    INFO(result.err);
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.err, Catch::Contains("passphrase does not open"));
}
