#include "rows.hpp"

#include "vault_impl.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_map>

namespace tessera::storage::detail {
namespace {

std::optional<std::string> timeText(const std::optional<core::TimeOfDay>& time) {
    return time ? std::optional<std::string>{time->toString()} : std::nullopt;
}

std::optional<std::string> stageText(const std::optional<core::Stage>& stage) {
    if (!stage) {
        return std::nullopt;
    }
    return std::string{core::toString(*stage)};
}

template <typename Value>
void bindOptional(SQLite::Statement& statement, int index, const std::optional<Value>& value) {
    if (value) {
        statement.bind(index, *value);
    } else {
        statement.bind(index); // NULL
    }
}

// A query read through SQLite's C interface, for the loops that read a career's hundreds of
// thousands of values: SQLiteCpp's getColumn builds a Column holding a shared_ptr to the
// statement, two atomic operations per value, a sixth of loading every record. Errors are thrown
// as SQLite::Exception, like SQLiteCpp's, so `guarded` translates them the same way.
class Query {
public:
    Query(SQLite::Database& db, const std::string& sql) : m_db(db.getHandle()) {
        if (const int rc = sqlite3_prepare_v2(m_db, sql.c_str(), -1, &m_statement, nullptr); rc != SQLITE_OK) {
            throw SQLite::Exception(m_db, rc);
        }
    }
    ~Query() { sqlite3_finalize(m_statement); }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    void bind(int index, std::int64_t value) {
        if (const int rc = sqlite3_bind_int64(m_statement, index, value); rc != SQLITE_OK) {
            throw SQLite::Exception(m_db, rc);
        }
    }
    // True while there is a row to read.
    [[nodiscard]] bool step() {
        const int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throw SQLite::Exception(m_db, rc);
        }
        return false;
    }

    [[nodiscard]] bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    [[nodiscard]] std::int64_t int64(int column) const { return sqlite3_column_int64(m_statement, column); }
    [[nodiscard]] int integer(int column) const { return sqlite3_column_int(m_statement, column); }
    [[nodiscard]] std::string_view text(int column) const {
        const auto* bytes = sqlite3_column_text(m_statement, column); // before _bytes, as SQLite asks
        const auto size = sqlite3_column_bytes(m_statement, column);
        return bytes == nullptr
                   ? std::string_view{}
                   : std::string_view{reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size)};
    }
    [[nodiscard]] std::string string(int column) const { return std::string{text(column)}; }

    [[nodiscard]] std::optional<core::Stage> stage(int column) const {
        if (isNull(column)) {
            return std::nullopt;
        }
        return core::parseStage(text(column));
    }
    [[nodiscard]] core::Date date(int column) const { return parsed<core::Date>(column, "date"); }
    [[nodiscard]] core::Timestamp timestamp(int column) const { return parsed<core::Timestamp>(column, "time"); }
    [[nodiscard]] core::TimeOfDay timeOfDay(int column) const { return parsed<core::TimeOfDay>(column, "time of day"); }

private:
    // A date or time as stored (ISO 8601 text); anything else means the vault is damaged.
    template <typename Value> [[nodiscard]] Value parsed(int column, const char* what) const {
        const auto value = text(column);
        const auto result = Value::parse(value);
        if (!result) {
            throw VaultError(VaultError::Kind::Damaged,
                             std::string{"The vault holds a malformed "} + what + " \"" + std::string{value} + "\".");
        }
        return *result;
    }

    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace

void insertTheme(SQLite::Database& db, const core::Theme& theme, int position) {
    SQLite::Statement insert(db, "INSERT INTO themes(key, label, category, description, colour, position, retired) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, theme.key);
    insert.bind(2, theme.label);
    insert.bind(3, std::string{core::toString(theme.category)});
    insert.bind(4, theme.description);
    insert.bind(5, theme.colour);
    insert.bind(6, position);
    insert.bind(7, theme.retired ? 1 : 0);
    insert.exec();
}

void updateTheme(SQLite::Database& db, const core::Theme& theme) {
    SQLite::Statement update(db, "UPDATE themes SET label = ?, category = ?, description = ?, colour = ?, retired = ? "
                                 "WHERE key = ?");
    update.bind(1, theme.label);
    update.bind(2, std::string{core::toString(theme.category)});
    update.bind(3, theme.description);
    update.bind(4, theme.colour);
    update.bind(5, theme.retired ? 1 : 0);
    update.bind(6, theme.key);
    update.exec();
}

core::Codebook loadCodebook(SQLite::Database& db) {
    SQLite::Statement query(db, "SELECT key, label, category, description, colour, retired FROM themes "
                                "ORDER BY position, key");
    std::vector<core::Theme> themes;
    while (query.executeStep()) {
        core::Theme theme;
        theme.key = query.getColumn(0).getString();
        theme.label = query.getColumn(1).getString();
        theme.category =
            core::parseThemeCategory(query.getColumn(2).getString()).value_or(core::ThemeCategory::SelfPerception);
        theme.description = query.getColumn(3).getString();
        theme.colour = query.getColumn(4).getString();
        theme.retired = query.getColumn(5).getInt() != 0;
        themes.push_back(std::move(theme));
    }
    return core::Codebook{std::move(themes)};
}

std::int64_t insertTemplate(SQLite::Database& db, const core::NoteTemplate& tmpl) {
    SQLite::Statement insert(db, "INSERT INTO templates(name, version, label, description, created_at) "
                                 "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, tmpl.name);
    insert.bind(2, tmpl.version);
    insert.bind(3, tmpl.label);
    insert.bind(4, tmpl.description);
    insert.bind(5, nowIso());
    insert.exec();
    const auto id = db.getLastInsertRowid();
    SQLite::Statement section(db, "INSERT INTO template_sections(template_id, position, key, label, prompt) "
                                  "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < tmpl.sections.size(); ++i) {
        section.bind(1, id);
        section.bind(2, static_cast<int>(i));
        section.bind(3, tmpl.sections[i].key);
        section.bind(4, tmpl.sections[i].label);
        section.bind(5, tmpl.sections[i].prompt);
        section.exec();
        section.reset();
    }
    return id;
}

std::vector<core::NoteTemplate> loadTemplates(SQLite::Database& db) {
    std::vector<core::NoteTemplate> templates;
    std::unordered_map<std::int64_t, std::size_t> byId;
    SQLite::Statement query(db, "SELECT id, name, version, label, description FROM templates ORDER BY name, version");
    while (query.executeStep()) {
        core::NoteTemplate tmpl;
        tmpl.name = query.getColumn(1).getString();
        tmpl.version = query.getColumn(2).getInt();
        tmpl.label = query.getColumn(3).getString();
        tmpl.description = query.getColumn(4).getString();
        byId.emplace(query.getColumn(0).getInt64(), templates.size());
        templates.push_back(std::move(tmpl));
    }
    SQLite::Statement sections(db, "SELECT template_id, key, label, prompt FROM template_sections "
                                   "ORDER BY template_id, position");
    while (sections.executeStep()) {
        const auto it = byId.find(sections.getColumn(0).getInt64());
        if (it != byId.end()) {
            templates[it->second].sections.push_back({sections.getColumn(1).getString(),
                                                      sections.getColumn(2).getString(),
                                                      sections.getColumn(3).getString()});
        }
    }
    return templates;
}

std::optional<std::int64_t> templateRowId(SQLite::Database& db, const std::string& name, int version) {
    SQLite::Statement query(db, version > 0 ? "SELECT id FROM templates WHERE name = ? AND version = ?"
                                            : "SELECT id FROM templates WHERE name = ? ORDER BY version DESC LIMIT 1");
    query.bind(1, name);
    if (version > 0) {
        query.bind(2, version);
    }
    if (!query.executeStep()) {
        return std::nullopt;
    }
    return query.getColumn(0).getInt64();
}

core::ClientId insertClient(SQLite::Database& db, const core::Client& client) {
    SQLite::Statement insert(db, "INSERT INTO clients(code, display_name, created_at) VALUES (?, ?, ?)");
    insert.bind(1, client.code);
    insert.bind(2, client.displayName);
    insert.bind(3, nowIso());
    insert.exec();
    const core::ClientId id{db.getLastInsertRowid()};
    replaceRedactions(db, id, client.redactions);
    if (!client.formulation.empty()) {
        SQLite::Statement formulation(db,
                                      "INSERT INTO client_formulations(client_id, body, changed_at) VALUES (?, ?, ?)");
        formulation.bind(1, id.value);
        formulation.bind(2, client.formulation);
        formulation.bind(3, nowIso());
        formulation.exec();
    }
    return id;
}

void replaceRedactions(SQLite::Database& db, core::ClientId client, const std::vector<core::Redaction>& redactions) {
    SQLite::Statement remove(db, "DELETE FROM redactions WHERE client_id = ?");
    remove.bind(1, client.value);
    remove.exec();
    SQLite::Statement insert(db, "INSERT INTO redactions(client_id, term, replacement) VALUES (?, ?, ?)");
    for (const auto& redaction : redactions) {
        insert.bind(1, client.value);
        insert.bind(2, redaction.term);
        insert.bind(3, redaction.replacement);
        insert.exec();
        insert.reset();
    }
}

SessionWriter::SessionWriter(SQLite::Database& db)
    : m_db(db), m_session(db, kInsertSessionRow),
      m_section(db, "INSERT INTO session_sections(session_id, section_key, body) VALUES (?, ?, ?)"),
      m_observation(db,
                    "INSERT INTO observations(session_id, theme_key, intensity, quote, note) VALUES (?, ?, ?, ?, ?)"),
      m_balance(db, "INSERT INTO balance_items(session_id, side, reason, weight) VALUES (?, ?, ?, ?)") {}

void bindSessionRow(SQLite::Statement& insert, core::ClientId client, const core::Session& session,
                    std::int64_t templateRowId) {
    const auto now = nowIso();
    insert.bind(1, client.value);
    insert.bind(2, session.date.toIso());
    bindOptional(insert, 3, session.durationMinutes);
    insert.bind(4, templateRowId);
    bindOptional(insert, 5, stageText(session.stageOfChange.leaving));
    bindOptional(insert, 6, stageText(session.stageOfChange.safety));
    insert.bind(7, session.psychotherapyNote);
    insert.bind(8, now);
    insert.bind(9, now);
    bindOptional(insert, 10, timeText(session.time));
}

core::SessionId SessionWriter::insert(core::ClientId client, const core::Session& session, std::int64_t templateRowId) {
    bindSessionRow(m_session, client, session, templateRowId);
    m_session.exec();
    m_session.reset();
    const core::SessionId id{m_db.getLastInsertRowid()};
    insertChildren(id, session);
    return id;
}

void SessionWriter::insertChildren(core::SessionId id, const core::Session& session) {
    for (const auto& section : session.sections) {
        m_section.bind(1, id.value);
        m_section.bind(2, section.key);
        m_section.bind(3, section.text);
        m_section.exec();
        m_section.reset();
    }
    for (const auto& observation : session.observations) {
        m_observation.bind(1, id.value);
        m_observation.bind(2, observation.themeKey);
        m_observation.bind(3, observation.intensity);
        m_observation.bind(4, observation.quote);
        m_observation.bind(5, observation.note);
        m_observation.exec();
        m_observation.reset();
    }
    for (const auto& item : session.decisionalBalance) {
        m_balance.bind(1, id.value);
        m_balance.bind(2, std::string{core::toString(item.side)});
        m_balance.bind(3, item.reason);
        m_balance.bind(4, item.weight);
        m_balance.exec();
        m_balance.reset();
    }
}

void SessionWriter::replaceDraft(const core::Session& session) {
    SQLite::Statement update(m_db, "UPDATE sessions SET date = ?, duration_minutes = ?, stage_leaving = ?, "
                                   "stage_safety = ?, psychotherapy_note = ?, updated_at = ?, time_of_day = ? "
                                   "WHERE id = ?");
    update.bind(1, session.date.toIso());
    bindOptional(update, 2, session.durationMinutes);
    bindOptional(update, 3, stageText(session.stageOfChange.leaving));
    bindOptional(update, 4, stageText(session.stageOfChange.safety));
    update.bind(5, session.psychotherapyNote);
    update.bind(6, nowIso());
    bindOptional(update, 7, timeText(session.time));
    update.bind(8, session.id.value);
    update.exec();
    // Sections are updated in place so that an unchanged section does not churn the search index.
    SQLite::Statement upsert(m_db, "INSERT INTO session_sections(session_id, section_key, body) VALUES (?, ?, ?) "
                                   "ON CONFLICT(session_id, section_key) DO UPDATE SET body = excluded.body "
                                   "WHERE body <> excluded.body");
    for (const auto& section : session.sections) {
        upsert.bind(1, session.id.value);
        upsert.bind(2, section.key);
        upsert.bind(3, section.text);
        upsert.exec();
        upsert.reset();
    }
    // Sections no longer in the note are removed (their index entries go with them).
    std::string keep = "DELETE FROM session_sections WHERE session_id = ?";
    if (!session.sections.empty()) {
        keep += " AND section_key NOT IN (";
        for (std::size_t i = 0; i < session.sections.size(); ++i) {
            keep += i == 0 ? "?" : ", ?";
        }
        keep += ")";
    }
    SQLite::Statement removeSections(m_db, keep);
    removeSections.bind(1, session.id.value);
    for (std::size_t i = 0; i < session.sections.size(); ++i) {
        removeSections.bind(static_cast<int>(i) + 2, session.sections[i].key);
    }
    removeSections.exec();
    for (const char* table : {"observations", "balance_items"}) {
        SQLite::Statement remove(m_db, std::string{"DELETE FROM "} + table + " WHERE session_id = ?");
        remove.bind(1, session.id.value);
        remove.exec();
    }
    core::Session children = session;
    children.sections.clear();
    insertChildren(session.id, children);
}

std::vector<core::ClientRecord> loadRecords(SQLite::Database& db, std::optional<core::ClientId> only,
                                            RecordContent content, std::optional<core::SessionId> onlySession) {
    const bool texts = content == RecordContent::Full;
    const std::string clientFilter = only ? " WHERE c.id = ?1" : "";
    const std::string sessionFilter =
        only ? std::string{" WHERE s.client_id = ?1"} + (onlySession ? " AND s.id = ?2" : "") : "";
    // Binds the client (?1) and, when reading one session, the session (?2) of the session and
    // child-row queries.
    const auto bindFilter = [&](auto& statement) {
        if (only) {
            statement.bind(1, only->value);
        }
        if (only && onlySession) {
            statement.bind(2, onlySession->value);
        }
    };
    const ConnectionHold hold(db);
    std::vector<core::ClientRecord> records;
    std::unordered_map<std::int64_t, std::size_t> clientIndex;

    Query clients(db, "SELECT c.id, c.code, c.display_name, coalesce(f.body, '') FROM clients c"
                      " LEFT JOIN client_formulations f ON f.client_id = c.id" +
                          clientFilter + " ORDER BY c.code");
    if (only) {
        clients.bind(1, only->value);
    }
    while (clients.step()) {
        core::ClientRecord record;
        record.client.id = core::ClientId{clients.int64(0)};
        record.client.code = clients.string(1);
        record.client.displayName = clients.string(2);
        record.client.formulation = clients.string(3);
        clientIndex.emplace(record.client.id.value, records.size());
        records.push_back(std::move(record));
    }

    Query redactions(db, "SELECT client_id, term, replacement FROM redactions" +
                             std::string{only ? " WHERE client_id = ?1" : ""} + " ORDER BY id");
    if (only) {
        redactions.bind(1, only->value);
    }
    while (redactions.step()) {
        const auto it = clientIndex.find(redactions.int64(0));
        if (it != clientIndex.end()) {
            records[it->second].client.redactions.push_back({redactions.string(1), redactions.string(2)});
        }
    }

    // Where each session lives, sorted by session id once all are read: a flat array rather than
    // a hash map, so that a career's 24,000 sessions cost no allocation each.
    struct Place {
        std::int64_t id;
        std::size_t record;
        std::size_t session;
    };
    std::vector<Place> places;
    {
        SQLite::Statement count(db, "SELECT count(*) FROM sessions s" + sessionFilter);
        bindFilter(count);
        if (count.executeStep()) {
            places.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()));
        }
    }
    Query sessions(db, "SELECT s.id, s.client_id, s.date, s.duration_minutes, t.name, t.version, "
                       "s.stage_leaving, s.stage_safety, " +
                           std::string{texts ? "s.psychotherapy_note" : "''"} +
                           ", s.signed_at, s.time_of_day "
                           "FROM sessions s JOIN templates t ON t.id = s.template_id" +
                           sessionFilter + " ORDER BY s.client_id, s.date, s.time_of_day, s.id");
    bindFilter(sessions);
    std::size_t owner = records.size(); // the record the previous session went to
    std::int64_t ownerId = 0;
    while (sessions.step()) {
        // Sessions come grouped by client: look the client up only when it changes.
        if (const auto id = sessions.int64(1); owner == records.size() || id != ownerId) {
            const auto it = clientIndex.find(id);
            if (it == clientIndex.end()) {
                continue;
            }
            owner = it->second;
            ownerId = id;
        }
        core::Session session;
        session.id = core::SessionId{sessions.int64(0)};
        session.date = sessions.date(2);
        if (!sessions.isNull(10)) {
            session.time = sessions.timeOfDay(10);
        }
        session.templateName = sessions.string(4);
        session.templateVersion = sessions.integer(5);
        if (!sessions.isNull(3)) {
            session.durationMinutes = sessions.integer(3);
        }
        session.stageOfChange.leaving = sessions.stage(6);
        session.stageOfChange.safety = sessions.stage(7);
        if (texts) {
            session.psychotherapyNote = sessions.string(8);
        }
        if (!sessions.isNull(9)) {
            session.signedAt = sessions.timestamp(9);
        }
        auto& list = records[owner].sessions;
        places.push_back({session.id.value, owner, list.size()});
        list.push_back(std::move(session));
    }
    std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) { return a.id < b.id; });
    // Child rows mostly come grouped by session: the last session found is tried first.
    std::int64_t lastId = 0;
    core::Session* last = nullptr;
    const auto find = [&](std::int64_t id) -> core::Session* {
        if (last != nullptr && id == lastId) {
            return last;
        }
        const auto it = std::lower_bound(places.begin(), places.end(), id,
                                         [](const Place& place, std::int64_t wanted) { return place.id < wanted; });
        if (it == places.end() || it->id != id) {
            return nullptr;
        }
        lastId = id;
        last = &records[it->record].sessions[it->session];
        return last;
    };
    const std::string childFilter = !only ? ""
                                    : onlySession
                                        ? " WHERE x.session_id = ?2"
                                        : " WHERE x.session_id IN (SELECT id FROM sessions WHERE client_id = ?1)";
    // Rows of one session in id order. For one client the (session_id, ...) indices find the rows
    // and the few are sorted; for every client a scan in rowid order gives each session its rows
    // in id order without sorting the whole table (five times faster for the observations of a
    // career; find() places each row whatever the order of the sessions).
    const std::string childOrder = only ? " ORDER BY x.session_id, x.id" : " ORDER BY x.id";

    // Sections in the template's order.
    if (texts) {
        Query sections(db,
                       "SELECT x.session_id, x.section_key, x.body FROM session_sections x "
                       "JOIN sessions s ON s.id = x.session_id "
                       "LEFT JOIN template_sections ts ON ts.template_id = s.template_id AND ts.key = x.section_key" +
                           childFilter + " ORDER BY x.session_id, ts.position, x.id");
        bindFilter(sections);
        while (sections.step()) {
            if (auto* session = find(sections.int64(0))) {
                session->sections.push_back({sections.string(1), sections.string(2)});
            }
        }
    }
    Query observations(db, "SELECT x.session_id, x.theme_key, x.intensity, x.quote, x.note FROM observations x" +
                               childFilter + childOrder);
    bindFilter(observations);
    // A session's observations are gathered first and stored with one allocation (instead of a
    // vector growing 1, 2, 4, 8 for each of a career's 24,000 sessions).
    std::vector<core::Observation> gathered;
    core::Session* gatheredFor = nullptr;
    const auto store = [&] {
        if (gatheredFor != nullptr) {
            auto& target = gatheredFor->observations;
            target.reserve(target.size() + gathered.size());
            std::move(gathered.begin(), gathered.end(), std::back_inserter(target));
        }
        gathered.clear();
    };
    while (observations.step()) {
        auto* session = find(observations.int64(0));
        if (session == nullptr) {
            continue;
        }
        if (session != gatheredFor) {
            store();
            gatheredFor = session;
        }
        auto& observation = gathered.emplace_back();
        observation.themeKey = observations.string(1);
        observation.intensity = observations.integer(2);
        observation.quote = observations.string(3);
        observation.note = observations.string(4);
    }
    store();
    Query balance(db,
                  "SELECT x.session_id, x.side, x.reason, x.weight FROM balance_items x" + childFilter + childOrder);
    bindFilter(balance);
    while (balance.step()) {
        if (auto* session = find(balance.int64(0))) {
            session->decisionalBalance.push_back(
                {core::parseBalanceSide(balance.text(1)).value_or(core::BalanceSide::Stay), balance.string(2),
                 balance.integer(3)});
        }
    }
    Query addenda(db, "SELECT x.session_id, x.at, x.body FROM addenda x" + childFilter +
                          " ORDER BY x.session_id, x.at, x.id");
    bindFilter(addenda);
    while (addenda.step()) {
        if (auto* session = find(addenda.int64(0))) {
            session->addenda.push_back({addenda.timestamp(1), addenda.string(2)});
        }
    }
    return records;
}

core::CaseloadObservations loadCaseloadObservations(SQLite::Database& db) {
    const ConnectionHold hold(db);
    core::CaseloadObservations caseload;
    // Session row id -> index in `caseload`, sorted by row id once all are read (as in loadRecords).
    std::vector<std::pair<std::int64_t, std::size_t>> places;
    {
        SQLite::Statement count(db, "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM sessions), "
                                    "(SELECT count(*) FROM observations)");
        if (count.executeStep()) {
            const auto sessions = static_cast<std::size_t>(count.getColumn(1).getInt64());
            caseload.reserve(static_cast<std::size_t>(count.getColumn(0).getInt64()), sessions,
                             static_cast<std::size_t>(count.getColumn(2).getInt64()));
            places.reserve(sessions);
        }
    }
    // Clients by code, each with its sessions by (date, id): the index on code and
    // sessions_by_client give this order without sorting. A client without sessions has one row
    // with NULL session columns.
    Query sessions(db, "SELECT c.id, c.code, s.id, s.date FROM clients c LEFT JOIN sessions s ON s.client_id = c.id "
                       "ORDER BY c.code, s.date, s.id");
    std::optional<std::int64_t> client;
    while (sessions.step()) {
        if (const auto id = sessions.int64(0); id != client) {
            caseload.addClient(sessions.text(1));
            client = id;
        }
        if (!sessions.isNull(2)) {
            places.emplace_back(sessions.int64(2), caseload.addSession(sessions.date(3)));
        }
    }
    std::sort(places.begin(), places.end());
    // Observations in row id order: a scan of the table, without the index seeks that grouping
    // them by session would cost (docs/performance.md); each names its session's index.
    Query observations(db, "SELECT session_id, theme_key, intensity FROM observations ORDER BY id");
    std::int64_t lastId = 0;
    std::size_t lastIndex = 0;
    bool found = false;
    while (observations.step()) {
        if (const auto id = observations.int64(0); !found || id != lastId) {
            const auto it = std::lower_bound(places.begin(), places.end(), std::pair{id, std::size_t{0}});
            found = it != places.end() && it->first == id;
            if (!found) {
                continue; // cannot happen: observations reference their session (foreign key)
            }
            lastId = id;
            lastIndex = it->second;
        }
        caseload.addObservation(lastIndex, observations.text(1), observations.integer(2));
    }
    return caseload;
}

} // namespace tessera::storage::detail
