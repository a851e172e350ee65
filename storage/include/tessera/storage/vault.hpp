#pragma once

// The encrypted vault: one SQLCipher 4 compatible file holding a clinician's whole caseload.
// See docs/vault.md for the file format, the schema and the guarantees.

#include "tessera/core/caseload.hpp"
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
#include <string_view>
#include <vector>

namespace tessera::storage {

// The schema this build writes. Older vaults are migrated on open; newer ones are refused.
inline constexpr int kSchemaVersion = 9;
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
    int auditEntries = 0;
};

// How a vault is opened. ReadWrite is the normal case. Opening checks what tells a vault apart
// (passphrase, page 1, schema) and returns a vault that can be read at once; meanwhile a second
// connection reads and authenticates every other page in the background (the page check, see
// PageCheck). Every change waits for that check, and a vault in which it found a damaged page
// refuses every change, so nothing is ever written into a damaged file. When the check passes,
// the opening is recorded in the audit log. (With PageCheckTiming::BeforeReturning, and always for
// an older schema, which is checked before it is migrated, open() returns only after the check.) ReadOnly is for
// inspection (verify, reading the audit log): it writes nothing at all, opens a vault even when a page is damaged (so
// verify can list the problems), and refuses every change.
enum class Access { ReadWrite, ReadOnly };

// When opening for writing checks every page: in the background while the vault can already be
// read (the app, which shows the client list at once), or before open() returns (a command that
// runs once and needs the answer first: it saves a second connection and key derivation).
enum class PageCheckTiming { Background, BeforeReturning };

// Where the background check of every page of a vault opened for writing stands.
struct PageCheck {
    enum class State {
        NotRun,  // opened read-only (or an unencrypted test vault): no check, no changes
        Running, // reads work; a change waits until the check ends
        Passed,  // every page authenticates; the opening is in the audit log
        Failed,  // a page is damaged (or the check could not run): every change is refused
    };
    State state = State::NotRun;
    // When Failed: the error every change now throws, with a message that says what to do.
    std::optional<VaultError> failure;
};

// Where the clinician was when the vault last locked: the client, the open note, the main tab
// ("notes", "themes", "search", "codebook", "templates", "settings"; empty when unknown).
struct WorkspacePlace {
    std::optional<core::ClientId> client;
    std::optional<core::SessionId> session;
    std::string tab;

    friend bool operator==(const WorkspacePlace&, const WorkspacePlace&) = default;
};

// One entry of the audit log: when, what, and which object (ids and client codes; never note
// content). `hash` chains the entry to its predecessor (see docs/vault.md).
struct AuditEntry {
    std::int64_t id = 0;
    std::string at; // "YYYY-MM-DDTHH:MM:SSZ", as recorded
    std::string event;
    std::string object;
    std::string hash;
};

// The events the audit log records (stable strings: they are stored in vaults).
namespace audit_event {
inline constexpr std::string_view kVaultCreated = "vault created";
inline constexpr std::string_view kVaultOpened = "vault opened";
inline constexpr std::string_view kVaultUpgraded = "vault upgraded";
inline constexpr std::string_view kClientAdded = "client added";
inline constexpr std::string_view kFormulationChanged = "case formulation changed";
inline constexpr std::string_view kNoteCreated = "note created";
inline constexpr std::string_view kNoteSigned = "note signed";
// A signed note's content hash written by an import or by the upgrade to format 4 (docs/vault.md).
inline constexpr std::string_view kNoteSealed = "note sealed";
inline constexpr std::string_view kAddendumAdded = "addendum added";
inline constexpr std::string_view kDraftDeleted = "draft deleted";
inline constexpr std::string_view kImport = "import";
inline constexpr std::string_view kExport = "export";
inline constexpr std::string_view kBackup = "backup";
inline constexpr std::string_view kPassphraseChanged = "passphrase changed";
} // namespace audit_event

// How much of each session clientRecord and allRecords read.
enum class RecordContent {
    Full,
    // Everything but the note texts: section texts and psychotherapy notes are left empty. What a
    // client's theme analysis (core::analyseClient) and session list need, at a fraction of the
    // reading and decryption (the texts are two thirds of a vault; docs/performance.md).
    WithoutTexts,
};

class Vault {
public:
    // Creates a new vault with the default codebook and templates. Never overwrites: a file at
    // `path` is an AlreadyExists error. The file appears complete or not at all.
    [[nodiscard]] static Vault create(const std::filesystem::path& path, const Secret& passphrase,
                                      PageCheckTiming timing = PageCheckTiming::Background);
    // Opens an existing vault, migrating an older schema. Refusals (wrong passphrase, not a
    // vault, damaged, too new, in use) throw VaultError and leave the file's bytes unchanged.
    // See Access for what ReadOnly changes.
    [[nodiscard]] static Vault open(const std::filesystem::path& path, const Secret& passphrase,
                                    Access access = Access::ReadWrite,
                                    PageCheckTiming timing = PageCheckTiming::Background);
    // (Vaults that only tests make, at an older schema or unencrypted, come from
    // tessera_storage_testing: storage/testing/include/tessera/storage/testing.hpp.)

    Vault(Vault&& other) noexcept;
    Vault& operator=(Vault&& other) noexcept;
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;
    ~Vault();

    [[nodiscard]] const std::filesystem::path& path() const;
    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] bool readOnly() const;
    // Bumped by every successful change; caches compare it to know when to rebuild.
    [[nodiscard]] std::uint64_t revision() const;

    // The background page check (see Access). pageCheck() never waits; awaitPageCheck() waits
    // for the check to end and throws its failure (VaultError, e.g. Damaged) if it failed.
    [[nodiscard]] PageCheck pageCheck() const;
    void awaitPageCheck() const;

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
    // The same by id (a note knows its client's id): nullopt when there is no such client.
    [[nodiscard]] std::optional<core::Client> findClient(core::ClientId id) const;
    core::ClientId addClient(const core::Client& client);
    void updateClient(const core::Client& client); // display name and redaction list; code by id
    // The client's case formulation (core::Client::formulation), stamped with the time it changed;
    // an unchanged text changes nothing. Blank text removes it.
    void setFormulation(core::ClientId client, std::string_view text);
    // When the formulation last changed; nullopt when there is none.
    [[nodiscard]] std::optional<core::Timestamp> formulationChangedAt(core::ClientId client) const;
    // Words the clinician reviewed in a summary of this client and found not identifying (the
    // detector's suspects they dismissed), in the order they were marked. Given to
    // core::SummaryOptions::notIdentifying; see docs/summaries.md.
    [[nodiscard]] std::vector<std::string> notIdentifying(core::ClientId client) const;
    // Adds `word` (trimmed; compared without case, so marking it twice changes nothing). A blank
    // word, one with a line break, or one longer than 100 bytes is refused.
    void markNotIdentifying(core::ClientId client, std::string_view word);

    // ---- The personal dictionary of the spell check (names and terms it should accept)
    // Every word, in alphabetical order (without case).
    [[nodiscard]] std::vector<std::string> personalWords() const;
    // Adds `word` (trimmed; compared without case, so adding it twice changes nothing). Anything
    // but one word of at most 100 bytes (blank, with a space or a line break) is refused.
    void addPersonalWord(std::string_view word);
    // Removes `word` (compared without case); a word that is not there changes nothing.
    void removePersonalWord(std::string_view word);

    // ---- Where the clinician was (restored after unlocking)
    [[nodiscard]] WorkspacePlace lastPlace() const;
    // Remembers `place` when the vault locks. Ids only, so not in the audit log. Does nothing on a
    // read-only vault or while the background page check still runs (locking never waits for it).
    void rememberPlace(const WorkspacePlace& place);

    // ---- Sessions
    [[nodiscard]] core::ClientRecord clientRecord(core::ClientId client,
                                                  RecordContent content = RecordContent::Full) const;
    // Ordered by client code.
    [[nodiscard]] std::vector<core::ClientRecord> allRecords(RecordContent content = RecordContent::Full) const;
    // What the caseload overview (core::analyseCaseload) reads: every client's session dates and
    // observations (theme, intensity), in a few arrays rather than an object per session and per
    // observation. Clients by code, each one's sessions by date.
    [[nodiscard]] core::CaseloadObservations caseloadObservations() const;
    [[nodiscard]] core::Session session(core::SessionId id) const;
    // A new draft from the newest version of `templateName`, with empty sections (and the time of
    // day of the session, when given).
    core::SessionId createSession(core::ClientId client, core::Date date, const std::string& templateName,
                                  std::optional<core::TimeOfDay> time = std::nullopt);
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
    // Records in the audit log that plain text left the vault: `clientCode` empty means all
    // clients, `period` empty means all dates; `format` names what was written (e.g. "interchange
    // JSON", "summary PDF"). Front ends call it when they write an export or a summary.
    void recordExport(const std::string& clientCode, const std::string& period, const std::string& format);

    // ---- Search (section texts, quotes and addenda; never psychotherapy notes)
    [[nodiscard]] std::vector<SearchHit> search(const SearchQuery& query) const;

    // ---- Maintenance
    // Reads every page (cipher and HMAC), checks the database's integrity, foreign keys, the
    // search index, the triggers that protect signed notes and the audit log's hash chain.
    [[nodiscard]] VerifyReport verify() const;
    // The audit log, oldest entry first (empty for a vault older than schema version 3).
    [[nodiscard]] std::vector<AuditEntry> auditLog() const;
    // The hash of the newest audit entry: the anchor to keep outside the vault (`tessera-cli
    // verify --expect-head`). Empty for a vault without a log. Waits for the page check, as
    // auditLog() does.
    [[nodiscard]] std::string auditHead() const;
    // Writes an encrypted copy with the same passphrase to `target` (never overwriting) and
    // checks that it opens as a vault; then records the backup in the audit log.
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
