#pragma once

// The encrypted vault: one SQLCipher 4 compatible file holding a clinician's whole caseload.
// See docs/vault.md for the file format, the schema and the guarantees.

#include "tessera/core/codebook.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/core/model.hpp"
#include "tessera/storage/errors.hpp"
#include "tessera/storage/secret.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tessera::storage {

// The schema this build writes. Older vaults are migrated on open; newer ones are refused.
inline constexpr int kSchemaVersion = 2;
// PRAGMA application_id of every Tessera vault ("TSRA"): tells a vault from other databases.
inline constexpr std::int32_t kApplicationId = 0x54535241;

struct ClientSummary {
    core::ClientId id;
    std::string code;
    std::string displayName;
    int sessions = 0;
    int drafts = 0;
    std::optional<core::Date> firstSession;
    std::optional<core::Date> lastSession;
};

struct SearchQuery {
    std::string text;                      // words, "quoted phrases", prefix*
    std::optional<std::string> clientCode; // only this client's notes
    std::optional<std::string> themeKey;   // only sessions where this theme is present (intensity >= 1)
    int limit = 50;
};

struct SearchHit {
    std::string clientCode;
    core::SessionId session;
    core::Date date;
    std::string field;   // "section:<key>", "quote:<theme>" or "addendum"
    std::string snippet; // the matching passage, matches wrapped in [ ]
    double score = 0.0;  // bm25; lower is a better match
};

struct ImportReport {
    int clients = 0;
    int sessions = 0;
    int observations = 0;
    int themesAdded = 0;
    int themesReplaced = 0;
    int templatesAdded = 0;
};

struct VerifyReport {
    bool ok = true;
    std::vector<std::string> problems; // empty when ok
    int schemaVersion = 0;
    int clients = 0;
    int sessions = 0;
};

class Vault {
public:
    // Creates a new vault with the default codebook and templates. Never overwrites: a file at
    // `path` is an AlreadyExists error. The file appears complete or not at all.
    [[nodiscard]] static Vault create(const std::filesystem::path& path, const Secret& passphrase);
    // Opens an existing vault, migrating an older schema. Refusals (wrong passphrase, not a
    // vault, damaged, too new, in use) throw VaultError and leave the file's bytes unchanged.
    [[nodiscard]] static Vault open(const std::filesystem::path& path, const Secret& passphrase);
    // For tests of migrations: writes a new vault file whose schema stops at `version`, as an
    // older Tessera would have written it, without opening (and so migrating) it.
    static void createFileAtSchemaVersion(const std::filesystem::path& path, const Secret& passphrase, int version);

    Vault(Vault&& other) noexcept;
    Vault& operator=(Vault&& other) noexcept;
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;
    ~Vault();

    [[nodiscard]] const std::filesystem::path& path() const;
    [[nodiscard]] int schemaVersion() const;
    // Bumped by every successful change; caches compare it to know when to rebuild.
    [[nodiscard]] std::uint64_t revision() const;

    // ---- Codebook and templates
    [[nodiscard]] core::Codebook codebook() const;
    // Adds a theme or updates label, category, description, colour or retired of an existing key.
    void saveTheme(const core::Theme& theme);
    // All versions of all templates.
    [[nodiscard]] std::vector<core::NoteTemplate> templates() const;
    // Stores `tmpl` as the next version of its name (version 1 for a new name); returns it.
    core::NoteTemplate addTemplateVersion(core::NoteTemplate tmpl);

    // ---- Clients
    [[nodiscard]] std::vector<ClientSummary> clients() const; // ordered by code
    [[nodiscard]] std::optional<core::Client> findClient(const std::string& code) const;
    core::ClientId addClient(const core::Client& client);
    void updateClient(const core::Client& client); // display name and redaction list; code by id

    // ---- Sessions
    [[nodiscard]] core::ClientRecord clientRecord(core::ClientId client) const;
    [[nodiscard]] std::vector<core::ClientRecord> allRecords() const; // ordered by client code
    [[nodiscard]] core::Session session(core::SessionId id) const;
    // A new draft from the newest version of `templateName`, with empty sections.
    core::SessionId createSession(core::ClientId client, core::Date date, const std::string& templateName);
    // Replaces everything a draft holds with `session`'s content. Refused for signed notes.
    void saveDraft(const core::Session& session);
    void signSession(core::SessionId id, core::Timestamp at);
    void addAddendum(core::SessionId id, const core::Addendum& addendum);
    void deleteDraft(core::SessionId id);

    // ---- Interchange
    // All or nothing: validates everything first (core::planImport), then writes it in one
    // transaction. Throws core::ValidationError when the document is invalid.
    ImportReport importCaseload(core::CaseloadDocument document, const core::ImportOptions& options = {});
    [[nodiscard]] core::CaseloadDocument exportCaseload() const;

    // ---- Search (section texts, quotes and addenda; never psychotherapy notes)
    [[nodiscard]] std::vector<SearchHit> search(const SearchQuery& query) const;

    // ---- Maintenance
    // Reads every page (cipher and HMAC), checks the database's integrity, foreign keys and the
    // search index.
    [[nodiscard]] VerifyReport verify() const;
    // Writes an encrypted copy with the same passphrase to `target` (never overwriting) and
    // checks that it opens as a vault.
    void backupTo(const std::filesystem::path& target) const;
    void changePassphrase(const Secret& newPassphrase);

    struct Impl;

private:
    explicit Vault(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Where a vault lives when none is named: $TESSERA_VAULT, else
// $XDG_DATA_HOME/tessera/vault.tessera (XDG_DATA_HOME defaulting to ~/.local/share).
[[nodiscard]] std::filesystem::path defaultVaultPath();

} // namespace tessera::storage
