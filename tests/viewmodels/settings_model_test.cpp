// The Settings view's model without a window: the audit log's head, a backup's file name, the
// backup and the check all arrive from workers, and the thread that calls update() (the UI
// thread in the app) runs no SQL (SQLite's trace hook on the vault's connection says so). Waits
// are for work to finish, never for a time.

#include "test_support.hpp"

#include "viewmodels/settings_model.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/testing.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>

using namespace tessera;

namespace {

constexpr const char* kPassphrase = "river stone lantern";

storage::Vault smallVault(const std::filesystem::path& path) {
    auto vault = storage::Vault::create(path, storage::Secret{kPassphrase});
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload({.clients = 2, .sessionsPerClient = 3}, vault.codebook());
    (void)vault.importCaseload(std::move(document));
    vault.awaitPageCheck(); // the head is read once every page is checked
    return vault;
}

// Fails with the statements the calling thread ran since the last call.
void requireNoSqlHere(storage::testing::StatementRecorder& recorder, const std::string& doing) {
    const auto statements = recorder.take();
    for (const auto& sql : statements) {
        UNSCOPED_INFO(doing << ": the calling thread ran " << sql);
    }
    CHECK(statements.empty());
}

} // namespace

TEST_CASE("the settings model reads the audit head on a worker, again when the vault changes",
          "[viewmodels][settings]") {
    test::TempDir dir;
    auto vault = smallVault(dir / "clinic.tessera");
    const auto head = vault.auditHead();
    REQUIRE_FALSE(head.empty());
    app::SettingsModel model;
    storage::testing::StatementRecorder recorder(vault, std::this_thread::get_id());

    CHECK_FALSE(model.update(vault, {}));       // starts the read
    CHECK_FALSE(model.auditHead().has_value()); // "Reading…"
    CHECK(model.working());
    model.waitForWork(vault);
    REQUIRE(model.auditHead().has_value());
    CHECK(*model.auditHead() == head);
    CHECK(model.auditHeadReads() == 1);

    // Frames without a change read nothing.
    CHECK_FALSE(model.update(vault, {}));
    CHECK_FALSE(model.working());
    CHECK(model.auditHeadReads() == 1);
    requireNoSqlHere(recorder, "reading the audit head");

    // A change adds an entry: the previous head is not shown as the newest meanwhile.
    vault.recordExport("", "", "test"); // here, on the test's thread, on purpose
    (void)recorder.take();
    CHECK_FALSE(model.update(vault, {}));
    CHECK_FALSE(model.auditHead().has_value());
    model.waitForWork(vault);
    REQUIRE(model.auditHead().has_value());
    CHECK(*model.auditHead() != head);
    CHECK(model.auditHeadReads() == 2);
    requireNoSqlHere(recorder, "reading the audit head again");
    (void)recorder.take();
    CHECK(*model.auditHead() == vault.auditLog().back().hash);
}

TEST_CASE("the settings model names, writes and checks a backup and verifies the vault on workers",
          "[viewmodels][settings]") {
    test::TempDir dir;
    auto vault = smallVault(dir / "clinic.tessera");
    app::SettingsModel model;
    storage::testing::StatementRecorder recorder(vault, std::this_thread::get_id());

    // A name beside the vault, for the empty field.
    (void)model.update(vault, {.wantBackupName = true});
    model.waitForWork(vault);
    (void)model.update(vault, {.wantBackupName = true});
    REQUIRE(model.backupName().has_value());
    const std::filesystem::path name{*model.backupName()};
    CHECK(name.parent_path() == dir.path());
    CHECK_THAT(name.filename().string(), Catch::StartsWith("clinic-backup-") && Catch::EndsWith(".tessera"));
    CHECK_FALSE(std::filesystem::exists(name));
    (void)model.update(vault, {});
    CHECK_FALSE(model.backupName().has_value()); // not wanted: none offered

    // The backup: written and proven to open; then a new name is offered.
    REQUIRE(model.startBackup(vault, name.string()));
    CHECK(model.busy());
    CHECK_FALSE(model.startVerify(vault)); // one at a time
    model.waitForWork(vault);
    REQUIRE(model.backupOutcome().has_value());
    CHECK_FALSE(model.backupOutcome()->failed);
    CHECK_THAT(model.backupOutcome()->message, Catch::Contains(name.string()) && Catch::Contains("checked"));
    CHECK(model.backupsWritten() == 1);
    (void)model.update(vault, {.wantBackupName = true});
    model.waitForWork(vault);
    (void)model.update(vault, {.wantBackupName = true});
    REQUIRE(model.backupName().has_value());
    CHECK(*model.backupName() != name.string());

    // The same file again is refused, and says why; a blank one at once.
    REQUIRE(model.startBackup(vault, name.string()));
    model.waitForWork(vault);
    REQUIRE(model.backupOutcome().has_value());
    CHECK(model.backupOutcome()->failed);
    CHECK_THAT(model.backupOutcome()->message, Catch::Contains("never overwrites"));
    REQUIRE(model.startBackup(vault, ""));
    CHECK_FALSE(model.backingUp());
    CHECK(model.backupOutcome()->failed);
    CHECK_THAT(model.backupOutcome()->message, Catch::Contains("Type where"));

    REQUIRE(model.startVerify(vault));
    model.waitForWork(vault);
    REQUIRE(model.verifyReport().has_value());
    CHECK(model.verifyReport()->ok);
    CHECK(model.verifyReport()->sessions == 6);
    requireNoSqlHere(recorder, "naming, writing and checking a backup, verifying");
    (void)recorder.take();

    auto copy = storage::Vault::open(name, storage::Secret{kPassphrase});
    CHECK(copy.clients().size() == 2);
}

TEST_CASE("a backup's suggested name is beside the vault, dated, and never taken", "[viewmodels][settings]") {
    test::TempDir dir;
    const auto vault = dir / "clinic.tessera";
    const std::time_t when = 1'773'480'600; // 2026-03-14 09:30 UTC
    std::tm local{};
    localtime_r(&when, &local);
    std::array<char, 32> stamp{};
    std::strftime(stamp.data(), stamp.size(), "%Y-%m-%d-%H%M", &local);
    const auto first = app::SettingsModel::suggestBackupPath(vault, when);
    CHECK(first == (dir / (std::string{"clinic-backup-"} + stamp.data() + ".tessera")).string());
    test::writeFile(first, "taken");
    const auto second = app::SettingsModel::suggestBackupPath(vault, when);
    CHECK(second == (dir / (std::string{"clinic-backup-"} + stamp.data() + "-2.tessera")).string());
}
