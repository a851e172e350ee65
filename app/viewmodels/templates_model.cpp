#include "viewmodels/templates_model.hpp"

#include "tessera/core/validation.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace tessera::app {

const core::NoteTemplate& TemplateFamily::version(int version) const {
    const auto it = std::find_if(versions.begin(), versions.end(),
                                 [version](const core::NoteTemplate& t) { return t.version == version; });
    return it == versions.end() ? newest() : *it;
}

bool TemplatesModel::update(const storage::Vault& vault) {
    const auto read = [&vault](const std::uint64_t&, TaskControl&) { return vault.templates(); };
    if (!m_read.update(vault.revision(), read)) {
        return false;
    }
    if (const auto* fetched = m_read.snapshot()) {
        m_families = families(*fetched);
    } else {
        m_families.clear();
        m_newError = m_read.error().value_or(std::string{});
    }
    return true;
}

void TemplatesModel::waitForRead(const storage::Vault& vault) {
    (void)update(vault); // starts the read, if the revision calls for one
    m_read.settle([&] { (void)update(vault); });
}

std::vector<TemplateFamily> TemplatesModel::families(std::vector<core::NoteTemplate> templates) {
    std::map<std::string, TemplateFamily> byName;
    for (auto& tmpl : templates) {
        auto& entry = byName[tmpl.name];
        entry.name = tmpl.name;
        entry.versions.push_back(std::move(tmpl));
    }
    std::vector<TemplateFamily> families;
    families.reserve(byName.size());
    for (auto& [name, entry] : byName) {
        std::sort(entry.versions.begin(), entry.versions.end(),
                  [](const auto& a, const auto& b) { return a.version < b.version; });
        families.push_back(std::move(entry));
    }
    std::stable_sort(families.begin(), families.end(), [](const TemplateFamily& a, const TemplateFamily& b) {
        return a.newest().label < b.newest().label;
    });
    return families;
}

const TemplateFamily* TemplatesModel::family(const std::string& name) const {
    const auto it =
        std::find_if(m_families.begin(), m_families.end(), [&](const TemplateFamily& f) { return f.name == name; });
    return it == m_families.end() ? nullptr : &*it;
}

bool TemplatesModel::save(storage::Vault& vault, core::NoteTemplate tmpl) {
    return m_write.start([&vault, tmpl = std::move(tmpl)]() mutable {
        SavedTemplate saved;
        try {
            saved.stored = vault.addTemplateVersion(std::move(tmpl));
        } catch (const core::ValidationError& error) {
            for (const auto& problem : error.problems()) {
                saved.problems.push_back(describe(problem));
            }
        }
        return saved;
    });
}

std::string TemplatesModel::describe(const core::Problem& problem) {
    std::string prefix;
    if (const auto at = problem.where.find("sections["); at != std::string::npos) {
        const auto index = std::strtol(problem.where.c_str() + at + 9, nullptr, 10);
        prefix = "Section " + std::to_string(index + 1) + ": ";
    }
    std::string what = problem.what;
    if (!what.empty() && prefix.empty()) {
        what.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(what.front())));
    }
    return prefix + what + ".";
}

} // namespace tessera::app
