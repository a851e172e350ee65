// Full-text search over section texts, quotes and addenda (FTS5 inside the encrypted file).

#include "vault_impl.hpp"

#include <string>
#include <vector>

namespace tessera::storage {

namespace detail {

// Turns what a person types into an FTS5 query that cannot be a syntax error: every word
// becomes a quoted term (so "self-blame" or "don't" are words, not operators), "quoted text"
// stays a phrase, and a trailing * keeps prefix search. All terms must match (implicit AND).
std::string toFtsQuery(const std::string& text) {
    std::vector<std::string> terms;
    std::string current;
    bool inPhrase = false;
    bool prefix = false;
    const auto flush = [&] {
        if (!current.empty()) {
            std::string term = "\"";
            for (const char c : current) {
                term += c == '"' ? std::string{"\"\""} : std::string{c};
            }
            term += "\"";
            if (prefix) {
                term += "*";
            }
            terms.push_back(std::move(term));
        }
        current.clear();
        prefix = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            flush();
            inPhrase = !inPhrase;
        } else if (!inPhrase && (c == ' ' || c == '\t' || c == '\n')) {
            flush();
        } else if (!inPhrase && c == '*' && (i + 1 == text.size() || text[i + 1] == ' ')) {
            prefix = !current.empty();
        } else {
            current += c;
        }
    }
    flush();
    std::string query;
    for (const auto& term : terms) {
        query += query.empty() ? term : " " + term;
    }
    return query;
}

} // namespace detail

std::vector<SearchHit> Vault::search(const SearchQuery& query) const {
    const auto fts = detail::toFtsQuery(query.text);
    if (fts.empty()) {
        return {};
    }
    return detail::readVault(*m_impl, "searching", [&] {
        // Three passes, so that the costly parts run for the results only. (1) bm25 of every
        // match, from the index (with a filter, each match's session is read to apply it).
        // (2) The top `limit` of those; equally good matches: the text stored last (the highest
        // rowid) first. (3) One more pass over the matches that makes snippets for those rows
        // alone: `+rowid` keeps SQLite from turning the IN into one index seek per row, which
        // costs more than the pass when the index has many segments. Then the 50 rows are joined
        // to their sessions. At career scale a common word matches 12,000 rows
        // (docs/performance.md).
        std::string filter;
        if (query.clientCode || query.themeKey) {
            filter = " AND f.session_id IN (SELECT s.id FROM sessions s JOIN clients c ON c.id = s.client_id WHERE 1";
            if (query.clientCode) {
                filter += " AND c.code = ?2";
            }
            if (query.themeKey) {
                filter += " AND EXISTS (SELECT 1 FROM observations o WHERE o.session_id = s.id AND o.theme_key = ?3 "
                          "AND o.intensity >= 1)";
            }
            filter += ")";
        }
        const std::string sql =
            "WITH ranked(rid, score) AS MATERIALIZED ("
            "  SELECT f.rowid, bm25(search_index) FROM search_index f WHERE search_index MATCH ?1" +
            filter +
            "), "
            "top AS MATERIALIZED (SELECT rid, score FROM ranked ORDER BY score, rid DESC LIMIT ?4), "
            "snips AS MATERIALIZED ("
            "  SELECT rowid AS rid, session_id, field, snippet(search_index, 0, '[', ']', '…', 16) AS snip "
            "  FROM search_index WHERE search_index MATCH ?1 AND +rowid IN (SELECT rid FROM top)) "
            "SELECT c.code, s.id, s.date, snips.field, snips.snip, top.score "
            "FROM top JOIN snips ON snips.rid = top.rid JOIN sessions s ON s.id = snips.session_id "
            "JOIN clients c ON c.id = s.client_id ORDER BY top.score, top.rid DESC";
        SQLite::Statement statement(*m_impl->db, sql);
        statement.bind(1, fts);
        if (query.clientCode) {
            statement.bind(2, *query.clientCode);
        }
        if (query.themeKey) {
            statement.bind(3, *query.themeKey);
        }
        statement.bind(4, query.limit > 0 ? query.limit : 50);
        std::vector<SearchHit> hits;
        while (statement.executeStep()) {
            SearchHit hit;
            hit.clientCode = statement.getColumn(0).getString();
            hit.session = core::SessionId{statement.getColumn(1).getInt64()};
            hit.date = core::Date::parse(statement.getColumn(2).getString()).value_or(core::Date{});
            hit.field = statement.getColumn(3).getString();
            hit.snippet = statement.getColumn(4).getString();
            hit.score = statement.getColumn(5).getDouble();
            hits.push_back(std::move(hit));
        }
        return hits;
    });
}

} // namespace tessera::storage
