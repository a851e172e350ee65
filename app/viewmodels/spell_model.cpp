#include "viewmodels/spell_model.hpp"

#include <algorithm>
#include <utility>

namespace tessera::app {

SpellCheckModel::SpellCheckModel(storage::Vault& vault) : m_vault(vault) {}

void SpellCheckModel::update(bool enabled, spell::Language language, std::optional<core::ClientId> client,
                             std::uint64_t vaultRevision) {
    takeResults();
    if (enabled != m_enabled || language != m_language) {
        m_enabled = enabled;
        m_language = language;
        reset();
    }
    if (!m_enabled) {
        return;
    }
    if (client != m_client) {
        m_client = client;
        m_sourcesRevision.reset();
    }
    if (!m_read.isRunning() && m_sourcesRevision != vaultRevision) {
        m_sourcesRevision = vaultRevision;
        m_readingClient = client;
        auto& vault = m_vault;
        (void)m_read.start([&vault, client](TaskControl&) {
            AcceptedSources sources;
            sources.personal = vault.personalWords();
            if (const auto found = client ? vault.findClient(*client) : std::nullopt) {
                sources.client.push_back(found->displayName);
                for (const auto& redaction : found->redactions) {
                    sources.client.push_back(redaction.term);
                }
            }
            return sources;
        });
    }
    if (!m_checker && !m_load.isRunning() && m_loadError.empty()) {
        m_loading = language;
        (void)m_load.start([language](TaskControl&) { return spell::SpellChecker::load(language); });
    }
    startWork();
}

void SpellCheckModel::reset() {
    // The old language's work is dropped when it arrives (see takeResults).
    m_checker.reset();
    m_loadError.clear();
    m_check.cancel();
    for (auto& [key, field] : m_fields) {
        field = Field{};
    }
    m_suggestions.reset();
    m_suggestionsWord.clear();
    m_suggestPending = false;
}

void SpellCheckModel::takeResults() {
    if (auto outcome = m_load.poll()) {
        if (m_loading == m_language && m_enabled) {
            if (outcome->succeeded()) {
                m_checker = std::move(outcome->value);
                ++m_generation;
            } else {
                m_loadError = outcome->error;
            }
        }
        m_loading.reset();
    }
    if (auto outcome = m_read.poll()) {
        if (m_readingClient != m_client) {
            m_sourcesRevision.reset(); // read again, for the client now open
        } else if (!outcome->succeeded()) {
            // Not retried until the vault changes; meanwhile the check goes on with what it has.
            if (!m_accepted) {
                rebuildAccepted();
            }
        } else if (outcome->value != m_sources) {
            m_sources = std::move(outcome->value);
            rebuildAccepted();
        }
    }
    // A check made before the language or the accepted words changed is dropped: its fields are
    // checked again (until then they keep showing the previous result, carried over their edits).
    if (auto outcome = m_check.poll(); outcome && outcome->succeeded() && outcome->value->generation == m_generation) {
        for (auto& checked : outcome->value->fields) {
            const auto it = m_fields.find(checked.field);
            if (it == m_fields.end()) {
                continue; // the note closed meanwhile
            }
            auto& field = it->second;
            field.checkedText = std::move(checked.text);
            field.checkedRanges = std::move(checked.ranges);
            field.checkedRevision = checked.revision;
            field.checkedGeneration = outcome->value->generation;
            field.checked = true;
            field.shownRevision.reset();
            ++m_checksDone;
        }
    }
    if (auto outcome = m_suggest.poll();
        outcome && outcome->succeeded() && !m_suggestPending && m_suggesting == m_suggestionsWord) {
        m_suggestions = std::move(outcome->value);
    }
    startSuggestions();
    if (auto outcome = m_write.poll()) {
        if (!outcome->succeeded()) {
            m_writeError = "\"" + m_writing + "\" could not be added to the personal dictionary: " + outcome->error;
        }
        m_writing.clear();
    }
    if (!m_write.isRunning() && !m_unwritten.empty()) {
        m_writing = m_unwritten.front();
        m_unwritten.erase(m_unwritten.begin());
        auto& vault = m_vault;
        // Right after unlocking, the write waits for the vault's page check: on the worker.
        (void)m_write.start([&vault, word = m_writing](TaskControl&) {
            vault.addPersonalWord(word);
            return true;
        });
    }
}

void SpellCheckModel::rebuildAccepted() {
    auto accepted = std::make_shared<spell::AcceptedWords>();
    if (m_sources) {
        for (const auto& word : m_sources->personal) {
            accepted->add(word);
        }
        for (const auto& phrase : m_sources->client) {
            accepted->add(phrase);
        }
    }
    for (const auto& word : m_sessionWords) {
        accepted->add(word);
    }
    m_accepted = std::move(accepted);
    ++m_generation;
}

void SpellCheckModel::startWork() {
    if (!m_checker || !m_accepted || m_check.isRunning()) {
        return;
    }
    CheckBatch batch;
    batch.generation = m_generation;
    for (auto& [key, field] : m_fields) {
        if (field.wanted) {
            batch.fields.push_back({key, std::move(*field.wanted), field.wantedRevision, {}});
            field.wanted.reset();
        }
    }
    if (batch.fields.empty()) {
        return;
    }
    (void)m_check.start(
        [checker = *m_checker, accepted = m_accepted, batch = std::move(batch)](TaskControl& control) mutable {
            for (auto& field : batch.fields) {
                if (control.cancelled()) {
                    break;
                }
                field.ranges = checker.misspellings(field.text, *accepted);
            }
            return std::move(batch);
        });
}

const std::vector<text::ByteRange>& SpellCheckModel::misspelled(const std::string& key, const std::string& text,
                                                                std::uint64_t revision) {
    auto& field = m_fields[key];
    if (!m_enabled) {
        field.shown.clear();
        return field.shown;
    }
    const bool current = field.checked && field.checkedRevision == revision &&
                         field.checkedGeneration == m_generation && field.checkedText.size() == text.size();
    if (!current && (!field.wanted || field.wantedRevision != revision) && m_checker) {
        field.wanted = text; // the check runs on its own copy
        field.wantedRevision = revision;
        startWork();
    }
    if (field.shownRevision != revision) {
        field.shown = field.checked ? spell::carryOver(field.checkedText, text, field.checkedRanges)
                                    : std::vector<text::ByteRange>{};
        field.shownRevision = revision;
    }
    return field.shown;
}

void SpellCheckModel::clearFields() {
    m_check.cancel();
    m_fields.clear();
    ++m_generation; // a check still running was for the previous note's fields: dropped
}

void SpellCheckModel::requestSuggestions(const std::string& word) {
    if (word == m_suggestionsWord && (m_suggestions || m_suggestPending || m_suggest.isRunning())) {
        return;
    }
    m_suggestionsWord = word;
    m_suggestions.reset();
    m_suggestPending = true;
    startSuggestions();
}

void SpellCheckModel::startSuggestions() {
    // A search for another word still running is not waited for: this one starts after it.
    if (!m_suggestPending || !m_checker || m_suggest.isRunning()) {
        return;
    }
    m_suggestPending = false;
    m_suggesting = m_suggestionsWord;
    (void)m_suggest.start(
        [checker = *m_checker, word = m_suggesting](TaskControl&) { return checker.suggest(word, kSuggestions); });
}

const std::vector<std::string>* SpellCheckModel::suggestions(const std::string& word) const {
    return word == m_suggestionsWord && m_suggestions ? &*m_suggestions : nullptr;
}

void SpellCheckModel::addToDictionary(const std::string& word) {
    m_sessionWords.insert(word); // at once, before the write has landed
    m_unwritten.push_back(word);
    rebuildAccepted();
    takeResults(); // starts the write
}

const std::string& SpellCheckModel::error() const {
    return m_loadError.empty() ? m_writeError : m_loadError;
}

void SpellCheckModel::ignore(const std::string& word) {
    m_sessionWords.insert(word);
    rebuildAccepted();
}

bool SpellCheckModel::busy() const {
    const bool waiting = std::any_of(m_fields.begin(), m_fields.end(),
                                     [](const auto& entry) { return entry.second.wanted.has_value(); });
    return m_load.isRunning() || m_read.isRunning() || m_check.isRunning() || m_suggest.isRunning() ||
           m_write.isRunning() || !m_unwritten.empty() || (waiting && m_checker && m_accepted) ||
           (m_suggestPending && m_checker);
}

void SpellCheckModel::waitForWork() {
    m_load.wait();
    m_read.wait();
    m_check.wait();
    m_suggest.wait();
    m_write.wait();
}

} // namespace tessera::app
