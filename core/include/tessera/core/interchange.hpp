#pragma once

// The interchange format v1: a whole caseload (codebook, templates, clients, sessions) as one
// JSON document, for import, export and long-term, tool-independent archiving. The format is
// specified in docs/interchange.md.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/core/validation.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tessera::core {

inline constexpr std::string_view kInterchangeFormat = "tessera.caseload";
inline constexpr int kInterchangeVersion = 1;

// A theme entry of the document. `replace` asks an import to overwrite the definition of a key
// the vault already has (otherwise an existing key keeps its definition).
struct CodebookEntry {
    Theme theme;
    bool replace = false;

    friend bool operator==(const CodebookEntry&, const CodebookEntry&) = default;
};

struct CaseloadDocument {
    std::vector<CodebookEntry> codebook;
    std::vector<NoteTemplate> templates;
    std::vector<ClientRecord> clients;

    friend bool operator==(const CaseloadDocument&, const CaseloadDocument&) = default;
};

// Parses a document. Throws ValidationError listing every structural problem (not JSON, wrong
// format or version, a missing or mistyped field, a malformed date) with its location.
// Domain rules that need the vault (known themes and templates, client codes in use) are checked
// by planImport.
[[nodiscard]] CaseloadDocument readCaseload(std::string_view json);

// Writes a document as pretty-printed JSON (two-space indent, trailing newline). Optional fields
// that are empty are left out, so the output is stable across export -> import -> export.
[[nodiscard]] std::string writeCaseload(const CaseloadDocument& document);

struct ImportOptions {
    bool replaceThemes = false; // treat every codebook entry as if it said "replace": true
};

// What an import will write, fully validated: the vault applies it in one transaction.
struct ImportPlan {
    std::vector<Theme> themesToAdd;
    std::vector<Theme> themesToReplace;
    std::vector<NoteTemplate> templatesToAdd;
    std::vector<ClientRecord> clients; // every session's templateVersion resolved
    Codebook resultingCodebook;
};

// Checks a document against what the vault holds: every observation's theme exists (in the
// vault or the document's codebook), every session's template and sections exist, no client
// code is already in use or repeated, and every value is in range. Throws ValidationError with
// all problems; a plan that is returned is safe to write as a whole.
[[nodiscard]] ImportPlan planImport(CaseloadDocument document, const Codebook& vaultCodebook,
                                    const std::vector<NoteTemplate>& vaultTemplates,
                                    const std::vector<std::string>& vaultClientCodes, const ImportOptions& options);

// Finds a template by name and version; version 0 means the newest version of that name.
[[nodiscard]] const NoteTemplate* findTemplate(const std::vector<NoteTemplate>& templates, std::string_view name,
                                               int version);

} // namespace tessera::core
