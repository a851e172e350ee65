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
    return detail::guarded("searching", [&] {
        std::string sql;
        if (!query.clientCode && !query.themeKey) {
            // Ranking needs bm25 of every match, but the join that breaks ties by date (reading
            // each match's stored row and its session) is only needed for the matches that can
            // still make the top: those scoring at least as well as the limit-th best score, and
            // snippets only for the rows returned. bm25 is computed once, from the index alone.
            // Same results as joining every match; at career scale a common word matches 12,000
            // rows and that join was 80% of the time and most of the decryption
            // (docs/performance.md).
            sql = "WITH ranked(rid, score) AS MATERIALIZED ("
                  "  SELECT rowid, bm25(search_index) FROM search_index WHERE search_index MATCH ?1), "
                  "cutoff(score) AS (SELECT score FROM ranked ORDER BY score LIMIT 1 OFFSET ?4 - 1), "
                  "top AS MATERIALIZED ("
                  "  SELECT r.rid AS rid, r.score AS score, c.code AS code, s.id AS sid, s.date AS date, "
                  "         f.field AS field "
                  "  FROM ranked r CROSS JOIN search_index f ON f.rowid = r.rid "
                  "  JOIN sessions s ON s.id = f.session_id JOIN clients c ON c.id = s.client_id "
                  "  WHERE r.score <= coalesce((SELECT score FROM cutoff), 1e308) "
                  "  ORDER BY r.score, s.date DESC, r.rid LIMIT ?4) "
                  "SELECT top.code, top.sid, top.date, top.field, snippet(search_index, 0, '[', ']', '…', 16), "
                  "top.score FROM top CROSS JOIN search_index ON search_index.rowid = top.rid "
                  "WHERE search_index MATCH ?1 ORDER BY top.score, top.date DESC, top.rid";
        } else {
            // With a filter the limit-th best score among all matches says nothing about the
            // filtered ones: every match is joined (a client's or a theme's matches are fewer).
            sql = "SELECT c.code, s.id, s.date, f.field, "
                  "snippet(search_index, 0, '[', ']', '…', 16), bm25(search_index) AS score "
                  "FROM search_index f JOIN sessions s ON s.id = f.session_id "
                  "JOIN clients c ON c.id = s.client_id WHERE search_index MATCH ?1";
            if (query.clientCode) {
                sql += " AND c.code = ?2";
            }
            if (query.themeKey) {
                sql += " AND EXISTS (SELECT 1 FROM observations o WHERE o.session_id = s.id AND o.theme_key = ?3 "
                       "AND o.intensity >= 1)";
            }
            sql += " ORDER BY score, s.date DESC, f.rowid LIMIT ?4";
        }
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
