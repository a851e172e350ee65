#pragma once

// Shared set-up for the storage tests: real vault files in temporary directories.

#include "test_support.hpp"
#include "vault_impl.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <stdexcept>
#include <memory>
#include <string>

namespace tessera::test {

inline const storage::Secret& passphrase() {
    static const storage::Secret secret{"correct horse battery staple"};
    return secret;
}

// A direct, keyed SQLite connection to a vault file, bypassing the Vault class: for proving
// what the database itself enforces, and for planting states Tessera would never write.
inline std::unique_ptr<SQLite::Database> openRaw(const std::filesystem::path& path,
                                                 const storage::Secret& secret = passphrase()) {
    auto db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE);
    storage::detail::applyKey(*db, secret);
    return db;
}

inline void flipByte(const std::filesystem::path& path, std::size_t offset) {
    auto bytes = readFile(path);
    bytes.at(offset) = static_cast<char>(bytes.at(offset) ^ 0x5A);
    writeFile(path, bytes);
}

inline void truncateTo(const std::filesystem::path& path, std::size_t size) {
    std::filesystem::resize_file(path, size);
}

// A small caseload with signed notes, drafts, quotes and addenda.
inline core::CaseloadDocument demoDocument(int clients = 2, int sessions = 6, std::uint64_t seed = 7) {
    core::DemoOptions options;
    options.clients = clients;
    options.sessionsPerClient = sessions;
    options.seed = seed;
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(options, core::defaultCodebook());
    return document;
}

// A closed vault at `path` holding a demo caseload, VACUUMed so that it has no free page: a
// damaged byte anywhere in it is in a page that opening reads.
inline void writeCompactVault(const std::filesystem::path& path, int clients, int sessions,
                              const storage::Secret& secret = passphrase()) {
    {
        auto vault = storage::Vault::create(path, secret);
        (void)vault.importCaseload(demoDocument(clients, sessions));
    }
    auto raw = openRaw(path, secret);
    raw->exec("VACUUM");
    SQLite::Statement free(*raw, "PRAGMA freelist_count");
    if (!free.executeStep() || free.getColumn(0).getInt() != 0) {
        throw std::runtime_error("VACUUM left free pages in " + path.string());
    }
}

// A vault at `path` with client C-1, one signed note holding every kind of content (section
// text, an observation with a quote, a balance item, a stage, a psychotherapy note) and an
// addendum, and one draft: for the tests that try to change a signed note behind Tessera's back.
struct SignedAndDraft {
    std::int64_t signedId = 0;
    std::int64_t draftId = 0;
};

inline SignedAndDraft writeSignedAndDraft(const std::filesystem::path& path) {
    auto vault = storage::Vault::create(path, passphrase());
    const auto client = vault.addClient({{}, "C-1", "", {}});
    const auto signedId = vault.createSession(client, *core::Date::parse("2026-01-07"), "ambivalence-progress");
    auto session = vault.session(signedId);
    session.sections[0].text = "original text";
    session.observations = {{"self-blame", 2, "It is my fault.", ""}};
    session.decisionalBalance = {{core::BalanceSide::Stay, "the house", 2}};
    session.stageOfChange.leaving = core::Stage::Contemplation;
    session.psychotherapyNote = "process note";
    vault.saveDraft(session);
    vault.signSession(signedId, *core::Timestamp::parse("2026-01-07T18:00:00Z"));
    vault.addAddendum(signedId, {*core::Timestamp::parse("2026-01-08T09:00:00Z"), "first addendum"});
    const auto draftId = vault.createSession(client, *core::Date::parse("2026-01-14"), "dap");
    return {signedId.value, draftId.value};
}

} // namespace tessera::test
