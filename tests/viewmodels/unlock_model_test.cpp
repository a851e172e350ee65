// The unlock screen's model without a window: which vault it offers first, the strength estimate
// of a new passphrase, opening and creating a vault, and closing it with where the clinician was,
// all on workers. Every connection opened while a test runs is watched by SQLite's trace hook:
// the calling thread (the UI thread in the app) opens, reads, writes and closes nothing. Waits are
// for work to finish, never for a time.

#include "test_support.hpp"

#include "viewmodels/unlock_model.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/testing.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace tessera;

namespace {

constexpr const char* kPassphrase = "river stone lantern";

void requireNoSqlHere(storage::testing::StatementRecorder& recorder, const std::string& doing) {
    const auto statements = recorder.take();
    for (const auto& sql : statements) {
        UNSCOPED_INFO(doing << ": the calling thread ran " << sql);
    }
    CHECK(statements.empty());
}

// One frame of the screen, then a wait for what it started.
void settle(app::UnlockModel& model, const app::UnlockInputs& inputs) {
    (void)model.update(inputs);
    model.waitForBackgroundWork();
    (void)model.update(inputs);
}

} // namespace

TEST_CASE("the unlock screen offers the most recent vault, else the standard one, to create when it is not there",
          "[viewmodels][unlock]") {
    test::TempDir dir;
    const auto standard = dir / "vault.tessera";
    const std::vector<std::string> recent{(dir / "b.tessera").string(), (dir / "a.tessera").string()};
    CHECK(app::UnlockModel::chooseStart(recent, standard).path == recent.front());
    CHECK_FALSE(app::UnlockModel::chooseStart(recent, standard).create);
    CHECK(app::UnlockModel::chooseStart({}, standard).path == standard.string());
    CHECK(app::UnlockModel::chooseStart({}, standard).create);
    test::writeFile(standard, "a vault, as far as this check goes");
    CHECK_FALSE(app::UnlockModel::chooseStart({}, standard).create);

    // Through the model: with a recent vault at once, without one once the worker has looked.
    app::UnlockModel model;
    (void)model.update({.recent = recent});
    REQUIRE(model.start().has_value());
    CHECK(model.start()->path == recent.front());
    REQUIRE(model.recent().size() == 2);
    CHECK(model.recent()[1].name == "a.tessera");
    CHECK_FALSE(model.hasBackgroundWork());

    app::UnlockModel firstUse;
    (void)firstUse.update({});
    CHECK_FALSE(firstUse.start().has_value()); // the form waits for the look at the disk
    CHECK(firstUse.hasBackgroundWork());
    settle(firstUse, {});
    REQUIRE(firstUse.start().has_value());
    CHECK(firstUse.start()->path == storage::defaultVaultPath().string());
}

TEST_CASE("a new passphrase's strength is estimated on a worker, again only when it is edited",
          "[viewmodels][unlock]") {
    const std::string path = "/home/k/clinic.tessera";
    app::UnlockModel model;
    app::UnlockInputs inputs{.create = true, .path = path, .passphrase = "password1", .edits = 1};
    (void)model.update(inputs);
    CHECK(model.strengthFor(path, 1) == nullptr); // on its way
    CHECK(model.estimating());
    settle(model, inputs);
    const auto* weak = model.strengthFor(path, 1);
    REQUIRE(weak != nullptr);
    CHECK_FALSE(weak->acceptable);
    CHECK_THAT(weak->reason, Catch::Contains("a common word"));
    CHECK(weak->score == app::UnlockModel::passphraseStrength("password1", path).score);

    // An edit: the previous estimate stays for the meter until the new one arrives, but it is not
    // the estimate of what is typed now.
    inputs.passphrase = "password1 river stone lantern";
    inputs.edits = 2;
    (void)model.update(inputs);
    CHECK(model.strengthFor(path, 2) == nullptr);
    REQUIRE(model.lastStrength() != nullptr);
    CHECK_FALSE(model.lastStrength()->acceptable);
    settle(model, inputs);
    REQUIRE(model.strengthFor(path, 2) != nullptr);
    CHECK(model.strengthFor(path, 2)->acceptable);
    CHECK_FALSE(model.estimating());
    (void)model.update(inputs); // the same edit: nothing estimated again
    CHECK_FALSE(model.estimating());

    // Unlocking, an empty field, or forgetting: no estimate (and no copy of the passphrase) kept.
    inputs.create = false;
    (void)model.update(inputs);
    CHECK(model.lastStrength() == nullptr);
    inputs.create = true;
    settle(model, inputs);
    REQUIRE(model.lastStrength() != nullptr);
    model.forgetPassphrase();
    CHECK(model.lastStrength() == nullptr);
    CHECK(model.strengthFor(path, 2) == nullptr);
}

TEST_CASE("vaults are created, opened and closed on workers, and closing remembers the place first",
          "[viewmodels][unlock][lock]") {
    test::TempDir dir;
    const auto path = dir / "new folder" / "clinic.tessera";
    storage::testing::StatementRecorder recorder(std::this_thread::get_id());
    app::UnlockModel model;

    // Created, with its folder.
    model.beginCreate(path, storage::Secret{kPassphrase});
    CHECK(model.isUnlocking());
    model.waitForUnlock();
    auto created = model.takeOpened();
    REQUIRE(created.has_value());
    CHECK_FALSE(model.isUnlocking());
    CHECK(created->path == path);
    CHECK(std::filesystem::exists(path));
    CHECK(created->place == storage::WorkspacePlace{});
    requireNoSqlHere(recorder, "creating a vault");

    // Closed right away, while its page check may still run: the place is written all the same,
    // and an unlock asked for meanwhile starts once the file is free.
    const storage::WorkspacePlace place{std::nullopt, std::nullopt, "settings"};
    model.close(std::move(created->vault), place);
    model.beginUnlock(path, storage::Secret{kPassphrase});
    CHECK(model.isUnlocking());
    model.waitForUnlock();
    auto opened = model.takeOpened();
    REQUIRE(opened.has_value());
    CHECK(opened->place == place);
    CHECK_FALSE(model.closing());
    requireNoSqlHere(recorder, "closing with the place, and unlocking again");

    // A wrong passphrase says so; the vault is still open here, so close it first.
    model.close(std::move(opened->vault), std::nullopt);
    model.beginUnlock(path, storage::Secret{"wrong words here"});
    model.waitForUnlock();
    CHECK_FALSE(model.takeOpened().has_value());
    REQUIRE(model.unlockError().has_value());
    CHECK_THAT(*model.unlockError(), Catch::Contains("passphrase does not open"));
    CHECK_FALSE(model.isUnlocking());
    requireNoSqlHere(recorder, "a wrong passphrase");
}
