// View-models built on workers, without a window (this executable does not link ImGui): the
// newest inputs win, stale builds are dropped, failures are kept until the inputs change, and a
// real vault's analysis arrives as the Themes view will show it. Latches and promises order the
// threads; nothing depends on the machine's speed.

#include "test_support.hpp"

#include "viewmodels/background_build.hpp"
#include "viewmodels/themes_model.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <latch>
#include <stdexcept>
#include <string>

using namespace tessera;
using app::BackgroundBuild;
using app::TaskControl;

namespace {

// A build that waits until the test lets it finish, and says which inputs it was for.
struct Gate {
    std::promise<void> open;
    std::shared_future<void> opened{open.get_future().share()};
};

} // namespace

TEST_CASE("a background build shows the newest inputs' result and drops stale ones", "[viewmodels][task]") {
    BackgroundBuild<int, std::string> build;
    Gate first;
    std::latch firstStarted{1};
    const auto slow = [&](const int& inputs, TaskControl& control) {
        firstStarted.count_down();
        first.opened.wait();
        return std::string{control.cancelled() ? "stale " : "built "} + std::to_string(inputs);
    };
    CHECK_FALSE(build.update(1, slow)); // starts the build for 1
    firstStarted.wait();
    CHECK(build.building());
    CHECK(build.snapshot() == nullptr);

    // The inputs change while 1 is still being built: 1 is asked to stop, and its result is
    // dropped; 2 starts once 1 has ended.
    const auto fast = [](const int& inputs, TaskControl&) { return "built " + std::to_string(inputs); };
    CHECK_FALSE(build.update(2, fast));
    first.open.set_value();
    build.wait();
    CHECK_FALSE(build.update(2, fast)); // takes (and drops) 1's result, starts 2
    CHECK(build.snapshot() == nullptr);
    build.wait();
    CHECK(build.update(2, fast)); // 2 arrives
    REQUIRE(build.snapshot() != nullptr);
    CHECK(*build.snapshot() == "built 2");
    CHECK(build.shownInputs() == 2);
    CHECK(build.builds() == 1);
    CHECK_FALSE(build.building());

    // Same inputs: nothing runs again.
    CHECK_FALSE(build.update(2, fast));
    CHECK_FALSE(build.building());
    CHECK(build.builds() == 1);
}

TEST_CASE("a failed background build keeps its message until the inputs change", "[viewmodels][task]") {
    BackgroundBuild<int, std::string> build;
    int attempts = 0;
    const auto failing = [&attempts](const int&, TaskControl&) -> std::string {
        ++attempts;
        throw std::runtime_error("The vault could not be read.");
    };
    (void)build.update(1, failing);
    build.wait();
    CHECK(build.update(1, failing));
    CHECK(build.snapshot() == nullptr);
    REQUIRE(build.error().has_value());
    CHECK(*build.error() == "The vault could not be read.");
    (void)build.update(1, failing);
    build.wait();
    CHECK(attempts == 1); // not retried for the same inputs

    const auto working = [](const int& inputs, TaskControl&) { return std::to_string(inputs); };
    (void)build.update(3, working);
    build.wait();
    CHECK(build.update(3, working));
    CHECK_FALSE(build.error().has_value());
    REQUIRE(build.snapshot() != nullptr);
    CHECK(*build.snapshot() == "3");

    build.clear();
    CHECK(build.snapshot() == nullptr);
    CHECK_FALSE(build.shownInputs().has_value());
}

TEST_CASE("the Themes model reads and analyses a real vault on a worker", "[viewmodels][themes]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "themes.tessera", storage::Secret{"themes model passphrase"});
    core::DemoOptions options;
    options.clients = 2;
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(options, vault.codebook());
    (void)vault.importCaseload(std::move(document));
    const auto client = vault.findClient("D-001");
    REQUIRE(client.has_value());

    app::ThemesModel model;
    app::ThemesInputs inputs;
    inputs.client = client->id;
    inputs.revision = vault.revision();
    CHECK_FALSE(model.update(vault, inputs)); // started, not there yet
    CHECK(model.building());
    model.waitForBuild();
    CHECK(model.update(vault, inputs));
    CHECK_FALSE(model.building());
    CHECK(model.builds() == 1);
    CHECK(model.inputs() == inputs);

    // What the model shows is what core computes from the same record.
    const auto expected = core::analyseClient(vault.clientRecord(client->id), vault.codebook(), {});
    CHECK(model.analysis().clientCode == "D-001");
    CHECK(model.sessionCount() == expected.sessions.size());
    CHECK(model.recordSessionCount() == vault.clientRecord(client->id).sessions.size());
    REQUIRE_FALSE(model.rows(app::ThemeRowOrder::Ranked, false).empty());
    CHECK(model.rows(app::ThemeRowOrder::Ranked, false).front() == core::rankThemes(expected).front());

    // A change in the vault is a new input: one more build, with the new data.
    auto record = vault.clientRecord(client->id);
    auto draft = record.sessions.back();
    REQUIRE_FALSE(draft.isSigned());
    std::erase_if(draft.observations, [](const core::Observation& o) { return o.themeKey == "money"; });
    draft.observations.push_back({"money", 3, "No account of my own.", ""});
    vault.saveDraft(draft);
    inputs.revision = vault.revision();
    (void)model.update(vault, inputs);
    model.waitForBuild();
    CHECK(model.update(vault, inputs));
    CHECK(model.builds() == 2);
    const auto* money = model.analysis().theme("money");
    REQUIRE(money != nullptr);
    CHECK(money->quotes.back().text == "No account of my own.");

    // A client that is not there: the storage error is shown, not thrown.
    inputs.client = core::ClientId{999999};
    (void)model.update(vault, inputs);
    model.waitForBuild();
    CHECK(model.update(vault, inputs));
    CHECK(model.error().has_value());
    CHECK(model.sessionCount() == 0);
}
