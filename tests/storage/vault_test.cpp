#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>
#include <sys/stat.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace tessera;
using test::passphrase;
using Kind = storage::VaultError::Kind;

namespace {

core::Date day(const char* iso) {
    return *core::Date::parse(iso);
}

std::string pragma(SQLite::Database& db, const std::string& name) {
    SQLite::Statement query(db, "PRAGMA " + name);
    query.executeStep();
    return query.getColumn(0).getString();
}

} // namespace

TEST_CASE("a new vault holds the default codebook and the four templates", "[vault]") {
    test::TempDir dir;
    const auto vault = storage::Vault::create(dir / "v.tessera", passphrase());

    const auto codebook = vault.codebook();
    REQUIRE(codebook.size() == 20);
    CHECK(codebook.themes().front().key == "self-blame");
    CHECK(codebook.find("am-i-the-bad-one")->label == "\"Am I the bad one?\"");
    CHECK(codebook.find("hope-of-change")->category == core::ThemeCategory::Barrier);
    CHECK(codebook.find("agenda-check")->category == core::ThemeCategory::Clinician);

    const auto templates = vault.templates();
    REQUIRE(templates.size() == 4);
    const auto* progress = core::findTemplate(templates, "ambivalence-progress", 0);
    REQUIRE(progress != nullptr);
    std::vector<std::string> keys;
    for (const auto& section : progress->sections) {
        keys.push_back(section.key);
        CHECK_FALSE(section.prompt.empty());
    }
    CHECK(keys == std::vector<std::string>{"presenting", "session_content", "justifications", "barriers",
                                           "risk_and_safety", "interventions", "clinician_reflection", "plan"});
    CHECK(core::findTemplate(templates, "dap", 0)->sections.size() == 3);
    CHECK(core::findTemplate(templates, "soap", 0)->sections.size() == 4);
    CHECK(core::findTemplate(templates, "birp", 0)->sections.front().key == "behavior");
    CHECK(vault.schemaVersion() == storage::kSchemaVersion);
}

TEST_CASE("the vault file is private, in WAL mode with durable commits, SQLCipher 4 encrypted", "[vault]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    { const auto vault = storage::Vault::create(path, passphrase()); }

    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    const auto bytes = test::readFile(path);
    CHECK(bytes.size() % 4096 == 0);
    CHECK(bytes.rfind("SQLite format 3", 0) == std::string::npos); // the header is encrypted too

    auto raw = test::openRaw(path);
    CHECK(pragma(*raw, "journal_mode") == "wal");
    CHECK(pragma(*raw, "application_id") == std::to_string(storage::kApplicationId));
    CHECK(pragma(*raw, "cipher") == "sqlcipher");
    CHECK(pragma(*raw, "legacy") == "4");
    CHECK(pragma(*raw, "kdf_iter") == "256000");
}

TEST_CASE("creating a vault never overwrites an existing file", "[vault]") {
    test::TempDir dir;
    const auto path = dir / "notes.txt";
    test::writeFile(path, "my other notes");
    try {
        (void)storage::Vault::create(path, passphrase());
        FAIL("create overwrote a file");
    } catch (const storage::VaultError& error) {
        CHECK(error.kind() == Kind::AlreadyExists);
        CHECK_THAT(error.what(), Catch::Contains("never overwrites"));
    }
    CHECK(test::readFile(path) == "my other notes");
    // and no temporary file is left behind
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 1);
}

TEST_CASE("creating a vault in a missing folder or with an empty passphrase is refused", "[vault]") {
    test::TempDir dir;
    CHECK_THROWS_AS(storage::Vault::create(dir / "missing" / "v.tessera", passphrase()), storage::VaultError);
    CHECK_THROWS_AS(storage::Vault::create(dir / "v.tessera", storage::Secret{""}), storage::VaultError);
    CHECK_FALSE(std::filesystem::exists(dir / "v.tessera"));
}

TEST_CASE("a clinician writes, signs and amends a note, and it survives closing the vault", "[vault]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    {
        auto vault = storage::Vault::create(path, passphrase());
        const auto clientId = vault.addClient({{}, "C-014", "Anna K.", {{"Marcus", "[partner]"}, {"Lily", ""}}});
        const auto before = vault.revision();

        // A draft from the progress template, filled in and saved.
        const auto sessionId = vault.createSession(clientId, day("2026-01-07"), "ambivalence-progress");
        CHECK(vault.revision() > before);
        auto session = vault.session(sessionId);
        CHECK(session.sections.size() == 8);
        CHECK_FALSE(session.isSigned());
        session.sections[0].text = "Arrived tired; asked again whether she is the difficult one.";
        session.observations = {{"am-i-the-bad-one", 3, "Am I the bad one?", ""},
                                {"hope-of-change", 2, "", "less certain than last time"}};
        session.stageOfChange.leaving = core::Stage::Contemplation;
        session.decisionalBalance = {{core::BalanceSide::Stay, "the children", 3},
                                     {core::BalanceSide::Leave, "sleeping without fear", 2}};
        session.psychotherapyNote = "Countertransference: protective.";
        session.durationMinutes = 50;
        vault.saveDraft(session);

        const auto stored = vault.session(sessionId);
        CHECK(stored.sections == session.sections);
        CHECK(stored.observations == session.observations);
        CHECK(stored.stageOfChange == session.stageOfChange);
        CHECK(stored.decisionalBalance == session.decisionalBalance);
        CHECK(stored.psychotherapyNote == session.psychotherapyNote);
        CHECK(stored.durationMinutes == 50);

        // Signed, then amended.
        const auto signedAt = *core::Timestamp::parse("2026-01-07T18:20:00Z");
        vault.signSession(sessionId, signedAt);
        vault.addAddendum(sessionId,
                          {*core::Timestamp::parse("2026-01-09T09:00:00Z"), "Called: Sunday, not Saturday."});

        // Editing, re-signing and deleting a signed note are refused.
        auto edited = vault.session(sessionId);
        edited.sections[0].text = "rewritten";
        CHECK_THROWS_AS(vault.saveDraft(edited), storage::VaultError);
        CHECK_THROWS_AS(vault.signSession(sessionId, signedAt), storage::VaultError);
        CHECK_THROWS_AS(vault.deleteDraft(sessionId), storage::VaultError);
    }

    // After reopening, the client, the redaction list and the note are all there, unchanged.
    const auto vault = storage::Vault::open(path, passphrase());
    const auto client = vault.findClient("C-014");
    REQUIRE(client.has_value());
    CHECK(client->displayName == "Anna K.");
    CHECK(client->redactions == std::vector<core::Redaction>{{"Marcus", "[partner]"}, {"Lily", ""}});
    // The same client by its id (what a note knows); no client for an id never given.
    const auto byId = vault.findClient(client->id);
    REQUIRE(byId.has_value());
    CHECK(byId->code == "C-014");
    CHECK(byId->displayName == client->displayName);
    CHECK(byId->redactions == client->redactions);
    CHECK_FALSE(vault.findClient(core::ClientId{client->id.value + 1000}).has_value());
    const auto record = vault.clientRecord(client->id);
    REQUIRE(record.sessions.size() == 1);
    const auto& note = record.sessions[0];
    CHECK(note.signedAt == core::Timestamp::parse("2026-01-07T18:20:00Z"));
    CHECK(note.sections[0].text == "Arrived tired; asked again whether she is the difficult one.");
    CHECK(note.observation("am-i-the-bad-one")->quote == "Am I the bad one?");
    REQUIRE(note.addenda.size() == 1);
    CHECK(note.addenda[0].text == "Called: Sunday, not Saturday.");
}

TEST_CASE("sessions come back in date order, same-day sessions in the order they were created", "[vault]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    const auto client = vault.addClient({{}, "C-1", "", {}});
    const auto late = vault.createSession(client, day("2026-03-01"), "dap");
    const auto earlyA = vault.createSession(client, day("2026-02-01"), "soap");
    const auto earlyB = vault.createSession(client, day("2026-02-01"), "birp");
    const auto record = vault.clientRecord(client);
    REQUIRE(record.sessions.size() == 3);
    CHECK(record.sessions[0].id == earlyA);
    CHECK(record.sessions[1].id == earlyB);
    CHECK(record.sessions[2].id == late);
    CHECK(record.sessions[1].templateName == "birp");

    const auto summaries = vault.clients();
    REQUIRE(summaries.size() == 1);
    CHECK(summaries[0].sessions == 3);
    CHECK(summaries[0].drafts == 3);
    CHECK(summaries[0].firstSession == day("2026-02-01"));
    CHECK(summaries[0].lastSession == day("2026-03-01"));
}

TEST_CASE("a draft with invalid content is refused with a clear error and not saved", "[vault]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    const auto client = vault.addClient({{}, "C-1", "", {}});
    const auto id = vault.createSession(client, day("2026-03-01"), "dap");
    auto session = vault.session(id);
    session.observations = {{"self-blame", 4, "", ""}, {"no-such-theme", 1, "", ""}};
    session.sections.push_back({"presenting", "not a DAP section"});
    try {
        vault.saveDraft(session);
        FAIL("saved an invalid draft");
    } catch (const core::ValidationError& error) {
        CHECK(error.problems().size() == 3);
        CHECK_THAT(error.what(), Catch::Contains("intensity 4 is outside 0-3"));
        CHECK_THAT(error.what(), Catch::Contains("no-such-theme"));
        CHECK_THAT(error.what(), Catch::Contains("has no section \"presenting\""));
    }
    CHECK(vault.session(id).observations.empty());
}

TEST_CASE("client codes are unique and validated", "[vault]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    (void)vault.addClient({{}, "C-1", "", {}});
    CHECK_THROWS_AS(vault.addClient({{}, "C-1", "someone else", {}}), storage::VaultError);
    CHECK_THROWS_AS(vault.addClient({{}, "has space", "", {}}), core::ValidationError);
    CHECK(vault.clients().size() == 1);
}

TEST_CASE("editing the codebook and templates keeps history", "[vault]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    auto theme = *vault.codebook().find("money");
    theme.label = "Money";
    theme.retired = true;
    vault.saveTheme(theme);
    vault.saveTheme({"gaslighting", "Gaslighting", core::ThemeCategory::Relationship, "", "#AA3355", false});
    const auto codebook = vault.codebook();
    CHECK(codebook.find("money")->label == "Money");
    CHECK(codebook.find("money")->retired);
    CHECK(codebook.themes().back().key == "gaslighting");

    const auto client = vault.addClient({{}, "C-1", "", {}});
    const auto old = vault.createSession(client, day("2026-01-01"), "dap");
    auto dap = *core::findTemplate(vault.templates(), "dap", 0);
    dap.sections.push_back({"risk", "Risk", "Any risk today?"});
    const auto added = vault.addTemplateVersion(dap);
    CHECK(added.version == 2);
    const auto fresh = vault.createSession(client, day("2026-01-08"), "dap");
    CHECK(vault.session(old).templateVersion == 1);
    CHECK(vault.session(old).sections.size() == 3);
    CHECK(vault.session(fresh).templateVersion == 2);
    CHECK(vault.session(fresh).sections.size() == 4);
}

TEST_CASE("import is all or nothing and export -> import -> export is identical", "[vault][interchange]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "a.tessera", passphrase());
    const auto report = vault.importCaseload(test::demoDocument(3, 8));
    CHECK(report.clients == 3);
    CHECK(report.sessions == 24);
    CHECK(report.observations > 24);

    const auto exported = core::writeCaseload(vault.exportCaseload());
    auto copy = storage::Vault::create(dir / "b.tessera", passphrase());
    (void)copy.importCaseload(core::readCaseload(exported));
    CHECK(core::writeCaseload(copy.exportCaseload()) == exported);

    SECTION("a document with one bad observation writes nothing at all") {
        auto document = test::demoDocument(2, 4, 99);
        for (auto& record : document.clients) {
            record.client.code += "-X";
        }
        document.clients[1].sessions[2].observations.push_back({"self-blame", 7, "", ""});
        const auto revision = vault.revision();
        try {
            (void)vault.importCaseload(document);
            FAIL("imported an invalid document");
        } catch (const core::ValidationError& error) {
            CHECK_THAT(error.what(), Catch::Contains("client D-002-X"));
            CHECK_THAT(error.what(), Catch::Contains(document.clients[1].sessions[2].date.toIso()));
            CHECK_THAT(error.what(), Catch::Contains("intensity"));
        }
        CHECK(vault.revision() == revision);
        CHECK(core::writeCaseload(vault.exportCaseload()) == exported);
    }
    SECTION("importing a client code that exists is an error and writes nothing") {
        CHECK_THROWS_AS(vault.importCaseload(test::demoDocument(1, 2)), core::ValidationError);
        CHECK(core::writeCaseload(vault.exportCaseload()) == exported);
    }
}

TEST_CASE("a vault that is open cannot be opened again by another window or process", "[vault]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto vault = storage::Vault::create(path, passphrase());
    try {
        (void)storage::Vault::open(path, passphrase());
        FAIL("opened a vault twice");
    } catch (const storage::VaultError& error) {
        CHECK(error.kind() == Kind::Busy);
        CHECK_THAT(error.what(), Catch::Contains("open in another Tessera"));
    }
}

TEST_CASE("backup writes an encrypted copy that opens, and never overwrites", "[vault][backup]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    (void)vault.importCaseload(test::demoDocument(2, 5));
    vault.backupTo(dir / "backup.tessera");
    {
        const auto backup = storage::Vault::open(dir / "backup.tessera", passphrase());
        CHECK(core::writeCaseload(backup.exportCaseload()) == core::writeCaseload(vault.exportCaseload()));
        CHECK(backup.verify().ok);
    }
    test::writeFile(dir / "taken.tessera", "keep me");
    CHECK_THROWS_AS(vault.backupTo(dir / "taken.tessera"), storage::VaultError);
    CHECK(test::readFile(dir / "taken.tessera") == "keep me");
}

TEST_CASE("changing the passphrase: the new one opens the vault, the old one no longer does", "[vault]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const storage::Secret fresh{"a completely different phrase"};
    {
        auto vault = storage::Vault::create(path, passphrase());
        (void)vault.importCaseload(test::demoDocument(1, 3));
        vault.changePassphrase(fresh);
        CHECK(vault.clients().size() == 1); // still usable in this session
    }
    CHECK_THROWS_AS(storage::Vault::open(path, passphrase()), storage::VaultError);
    const auto vault = storage::Vault::open(path, fresh);
    CHECK(vault.clients().size() == 1);
    CHECK(vault.verify().ok);
}

TEST_CASE("verify reports ok with counts on a healthy vault", "[vault]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    (void)vault.importCaseload(test::demoDocument(2, 3));
    const auto report = vault.verify();
    CHECK(report.ok);
    CHECK(report.problems.empty());
    CHECK(report.clients == 2);
    CHECK(report.sessions == 6);
}

TEST_CASE("the default vault path follows TESSERA_VAULT, then XDG_DATA_HOME, then HOME", "[vault]") {
    const auto restore = [](const char* name, const char* old) {
        if (old != nullptr) {
            ::setenv(name, old, 1);
        } else {
            ::unsetenv(name);
        }
    };
    const std::string oldVault = std::getenv("TESSERA_VAULT") ? std::getenv("TESSERA_VAULT") : "";
    const char* oldXdg = std::getenv("XDG_DATA_HOME");
    const std::string xdgCopy = oldXdg ? oldXdg : "";
    ::setenv("TESSERA_VAULT", "/tmp/explicit.tessera", 1);
    CHECK(storage::defaultVaultPath() == "/tmp/explicit.tessera");
    ::unsetenv("TESSERA_VAULT");
    ::setenv("XDG_DATA_HOME", "/data/home", 1);
    CHECK(storage::defaultVaultPath() == "/data/home/tessera/vault.tessera");
    ::unsetenv("XDG_DATA_HOME");
    CHECK(storage::defaultVaultPath() ==
          std::filesystem::path{std::getenv("HOME")} / ".local/share/tessera/vault.tessera");
    restore("TESSERA_VAULT", oldVault.empty() ? nullptr : oldVault.c_str());
    restore("XDG_DATA_HOME", oldXdg ? xdgCopy.c_str() : nullptr);
}

TEST_CASE("threads sharing a vault's connection never run inside each other's transactions", "[vault][threads]") {
    // The app's background tasks (autosave, analysis, search) use the vault's one connection while
    // the UI thread may write too. Each change holds the connection for its whole transaction, and
    // each read for its whole result; without that, a BEGIN inside another thread's open
    // transaction fails ("cannot start a transaction within a transaction") and a read can see a
    // half-written note.
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    vault.awaitPageCheck();
    constexpr int kWriters = 3;
    constexpr int kNotesEach = 40;
    std::vector<core::ClientId> clients;
    clients.reserve(kWriters);
    for (int w = 0; w < kWriters; ++w) {
        clients.push_back(vault.addClient({{}, "C-10" + std::to_string(w), "", {}}));
    }
    std::atomic<int> failures{0};
    std::atomic<bool> writing{true};
    std::atomic<int> reads{0};
    std::string firstFailure;
    std::mutex failureMutex;
    const auto record = [&](const std::exception& error) {
        const std::lock_guard<std::mutex> guard(failureMutex);
        if (failures++ == 0) {
            firstFailure = error.what();
        }
    };
    {
        std::vector<std::jthread> threads;
        threads.reserve(kWriters);
        for (int w = 0; w < kWriters; ++w) {
            threads.emplace_back([&, w] {
                for (int n = 0; n < kNotesEach; ++n) {
                    try {
                        const auto id = vault.createSession(clients[static_cast<std::size_t>(w)], day("2026-01-07"),
                                                            "ambivalence-progress");
                        auto session = vault.session(id);
                        for (auto& section : session.sections) {
                            section.text = "writer " + std::to_string(w) + " note " + std::to_string(n);
                        }
                        vault.saveDraft(session);
                    } catch (const std::exception& error) {
                        record(error);
                    }
                }
            });
        }
        // A reader: every draft it sees is whole (all sections written together, or none).
        threads.emplace_back([&] {
            do {
                try {
                    for (const auto& one : vault.allRecords()) {
                        for (const auto& session : one.sessions) {
                            const auto& first = session.sections.front().text;
                            for (const auto& section : session.sections) {
                                if (section.text != first) {
                                    throw std::runtime_error("a half-written note was read: '" + first + "' / '" +
                                                             section.text + "'");
                                }
                            }
                        }
                    }
                    ++reads;
                } catch (const std::exception& error) {
                    record(error);
                }
            } while (writing.load());
        });
        for (int w = 0; w < kWriters; ++w) {
            threads[static_cast<std::size_t>(w)].join();
        }
        writing = false;
    }
    INFO(firstFailure);
    CHECK(failures.load() == 0);
    CHECK(reads.load() > 0);
    std::size_t notes = 0;
    for (const auto& one : vault.allRecords()) {
        notes += one.sessions.size();
    }
    CHECK(notes == static_cast<std::size_t>(kWriters * kNotesEach));
}

TEST_CASE("where the clinician was is remembered by id only, and forgets what was deleted", "[vault]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    core::ClientId client;
    core::SessionId draft;
    {
        auto vault = storage::Vault::create(path, passphrase());
        CHECK(vault.lastPlace() == storage::WorkspacePlace{});
        client = vault.addClient({{}, "C-020", "Dana R.", {}});
        draft = vault.createSession(client, day("2026-02-03"), "ambivalence-progress");
        vault.awaitPageCheck();
        const auto entries = vault.auditLog().size();
        vault.rememberPlace({client, draft, "themes"});
        CHECK(vault.auditLog().size() == entries); // ids only: not an event worth logging
        CHECK(vault.lastPlace() == storage::WorkspacePlace{client, draft, "themes"});
    }
    {
        // Read-only: remembering changes nothing (and does not fail).
        auto readOnly = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
        readOnly.rememberPlace({client, std::nullopt, "notes"});
        CHECK(readOnly.lastPlace() == storage::WorkspacePlace{client, draft, "themes"});
    }
    auto vault = storage::Vault::open(path, passphrase());
    CHECK(vault.lastPlace() == storage::WorkspacePlace{client, draft, "themes"});
    vault.awaitPageCheck();
    vault.deleteDraft(draft);
    CHECK(vault.lastPlace() == storage::WorkspacePlace{client, std::nullopt, "themes"});
    vault.rememberPlace({client, core::SessionId{987654}, "notes"}); // a note that is not there
    CHECK(vault.lastPlace() == storage::WorkspacePlace{client, std::nullopt, "notes"});
}
