#pragma once

// The interchange format v1: a whole caseload (codebook, templates, clients, sessions) as one
// JSON document, for import, export and long-term, tool-independent archiving. The format is
// specified in docs/interchange.md.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/core/validation.hpp"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
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

// What an import file may hold, checked while it is read (before anything larger than one client
// is built), so that no file, however it was made, can make the reader take much more memory than
// the file's own size. The values are documented in docs/interchange.md; tests lower them.
struct InterchangeLimits {
    std::uint64_t maxFileBytes = 256ULL << 20; // the whole file
    std::size_t maxDepth = 32;                 // nesting of objects and lists (the format needs 6)
    std::size_t maxTextBytes = 1U << 20;       // one text (a section, a quote, a name...), UTF-8
    std::size_t maxNameBytes = 1024;           // one member name of an object
    std::size_t maxNumberChars = 64;           // one number as written
    std::size_t maxClients = 100'000;          // clients in the file
    std::size_t maxSessionsPerClient = 10'000; // sessions of one client
    std::size_t maxListItems = 10'000;         // items of any other list
    std::size_t maxMembers = 1'000;            // members of one object
    std::size_t memorySlackBytes = 32U << 20;  // what is built may take 1.5 x the bytes read plus this
    std::size_t maxProblems = 1'000;           // problems listed before the rest are summarised
};

// Parses a document. Throws ValidationError listing every structural problem (not JSON, wrong
// format or version, a missing or mistyped field, a malformed date, a control character in a
// text) with its location, or the one limit the file broke, naming the limit and where (a JSON
// pointer such as /clients/3/sessions/17/sections/history). Domain rules that need the vault
// (known themes and templates, client codes in use) are checked by planImport.
// The stream is read once, in order, and never past maxFileBytes (it may be a pipe or a device).
[[nodiscard]] CaseloadDocument readCaseload(std::istream& in, const InterchangeLimits& limits = {});
[[nodiscard]] CaseloadDocument readCaseload(std::string_view json, const InterchangeLimits& limits = {});

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
