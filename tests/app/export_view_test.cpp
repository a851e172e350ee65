// The Export dialog (a de-identified supervision summary of the selected client), driven headless
// with simulated input against a real vault filled with the demo caseload: what it shows, what
// it writes to disk, and what it records in the vault's audit log.

#include "headless.hpp"
#include "test_support.hpp"

#include "tessera/core/demo.hpp"
#include "ui/application.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/export_model.hpp"
#include "views/export_view.hpp"
#include "views/main_view.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <memory>

using namespace tessera;

namespace {

namespace fs = std::filesystem;

constexpr const char* kClient = "D-001";

struct ExportFixture {
    test::TempDir dir;
    test::HeadlessUi ui;
    std::unique_ptr<app::Workspace> workspace;
    std::unique_ptr<app::ExportView> view;
    // One frame as the app draws it: the summary may still be building on its worker.
    std::function<void()> drawNow = [this] {
        ImGui::SetNextWindowPos({0.0f, 0.0f});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        view->draw();
        ImGui::End();
    };
    // One frame, with the summary asked for before and during it built and taken: what most tests
    // assert on (the build itself is off the UI thread; see "keeps drawing" below).
    std::function<void()> draw = [this] {
        view->waitForSummary();
        drawNow();
        view->waitForSummary();
    };

    ExportFixture() {
        auto vault = storage::Vault::create(dir / "export.tessera", storage::Secret{"export passphrase"});
        core::DemoOptions options;
        options.clients = 2;
        core::CaseloadDocument document;
        document.clients = core::makeDemoCaseload(options, vault.codebook());
        // Identifiers where a summary takes text from: the risk section and a quote.
        auto& record = document.clients.front();
        REQUIRE(record.client.code == kClient);
        const auto& partner = record.client.redactions.front().term;
        auto& session = record.sessions.front();
        for (auto& section : session.sections) {
            if (section.key == "risk_and_safety") {
                section.text += " " + partner + " phoned " + record.client.displayName +
                                " at work; she kept his number, 0171 123 4567. She said Hope drove her home "
                                "and Will waited outside.";
            }
        }
        std::erase_if(session.observations, [](const core::Observation& o) { return o.themeKey == "fear"; });
        session.observations.push_back({"fear", 3, "If " + partner + " finds out, Anna, he will take the kids.", ""});
        (void)vault.importCaseload(std::move(document));
        workspace = std::make_unique<app::Workspace>(std::move(vault));
        view = std::make_unique<app::ExportView>(*workspace);
        workspace->selectedClient = client().id;
    }

    [[nodiscard]] core::Client client() const {
        const auto found = workspace->vault().findClient(kClient);
        REQUIRE(found.has_value());
        return *found;
    }

    // Closes the vault and opens its file again (the dialog with it), as after a restart.
    void reopen(storage::Access access = storage::Access::ReadWrite) {
        view.reset();
        workspace.reset();
        workspace = std::make_unique<app::Workspace>(
            storage::Vault::open(dir / "export.tessera", storage::Secret{"export passphrase"}, access));
        workspace->selectedClient = client().id;
        view = std::make_unique<app::ExportView>(*workspace);
        openDialog();
    }

    void openDialog() {
        view->open();
        ui.frames(3, draw);
        REQUIRE(view->isOpen());
        REQUIRE(ui.drawn("export-write"));
    }

    // Replaces the text of a field the way a person does: click, select all, type.
    void setText(const std::string& probe, const std::string& text) {
        ui.click(probe, draw);
        ui.pressChar('A', draw, true);
        ui.type(text, draw);
        ui.frames(2, draw);
    }

    [[nodiscard]] std::vector<storage::AuditEntry> exports() const {
        auto log = workspace->vault().auditLog();
        std::erase_if(log, [](const storage::AuditEntry& e) { return e.event != storage::audit_event::kExport; });
        return log;
    }

    // Every text the dialog renders in one frame (title, labels, preview lines, report), through
    // ImGui's text log. The log ends when the dialog's window ends and is handed to the clipboard
    // function, which is redirected here for that frame.
    std::string renderedText() {
        auto& io = ImGui::GetIO();
        const auto previousFn = io.SetClipboardTextFn;
        void* const previousData = io.ClipboardUserData;
        std::string text;
        io.ClipboardUserData = &text;
        io.SetClipboardTextFn = [](void* data, const char* logged) { *static_cast<std::string*>(data) += logged; };
        ui.frame([&] {
            ImGui::LogToClipboard();
            draw();
            ImGui::LogFinish();
        });
        io.SetClipboardTextFn = previousFn;
        io.ClipboardUserData = previousData;
        REQUIRE_FALSE(text.empty());
        return text;
    }
};

bool isWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// `word` as a whole word anywhere in `text` (case-sensitive).
bool containsWord(const std::string& text, const std::string& word) {
    for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const bool startsWord = at == 0 || !isWordChar(text[at - 1]);
        const bool endsWord = at + word.size() >= text.size() || !isWordChar(text[at + word.size()]);
        if (startsWord && endsWord) {
            return true;
        }
    }
    return false;
}

bool ownerOnly(const fs::path& path) {
    return (fs::status(path).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write);
}

} // namespace

TEST_CASE("the Export dialog writes exactly the previewed Markdown, owner-only and de-identified, and records "
          "the export",
          "[app][export]") {
    ExportFixture f;
    const auto client = f.client();
    REQUIRE_FALSE(client.redactions.empty());
    const std::string partner = client.redactions.front().term;
    f.openDialog();

    const auto& model = f.view->model();
    REQUIRE(model.document().has_value());
    CHECK(model.document()->header.clientCode == kClient);
    CHECK(model.document()->header.sessions == 24);
    CHECK(model.options().format == app::ExportFormat::Markdown);
    CHECK(model.previewIsExact());
    CHECK(model.document()->deidentification.count(core::ReplacementKind::RedactionTerm) > 0);
    CHECK(f.ui.drawn("export-preview"));
    CHECK(f.ui.drawn("export-review")); // the review's tab is the one open
    CHECK_FALSE(f.ui.drawn("export-report"));
    f.ui.click("export-report-tab", f.draw);
    CHECK(f.ui.drawn("export-report"));
    CHECK_FALSE(f.ui.drawn("export-review"));
    f.ui.click("export-review-tab", f.draw);
    CHECK(f.ui.drawn("export-review"));
    CHECK(f.ui.drawn("export-warning"));
    // The default destination names the client by code and has the format's extension.
    CHECK(f.view->outputPath().find("D-001-supervision-") != std::string::npos);
    CHECK(f.view->outputPath().ends_with(".md"));

    fs::create_directory(f.dir / "out");
    const auto target = f.dir / "out" / "summary.md";
    f.setText("export-path", target.string());
    REQUIRE(f.view->outputPath() == target.string());
    CHECK(f.ui.drawn("export-destination"));
    const int loadsBefore = f.view->model().loads();
    f.ui.click("export-write", f.draw);
    CHECK(f.view->model().writing());
    CHECK(f.ui.drawn("export-progress"));
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    // Recording the export is the dialog's own change: it does not read the client again.
    CHECK(f.view->model().loads() == loadsBefore);

    REQUIRE(fs::exists(target));
    CHECK(ownerOnly(target));
    const auto written = test::readFile(target);
    CHECK(written == model.previewText());
    CHECK(written.find(kClient) != std::string::npos);
    CHECK_FALSE(containsWord(written, "Anna"));
    CHECK_FALSE(containsWord(written, partner));
    CHECK(written.find("\\[partner\\]") != std::string::npos); // Markdown escapes the brackets
    CHECK(written.find("\\[phone\\]") != std::string::npos);
    CHECK(f.ui.drawn("export-written"));
    CHECK(f.view->isOpen());

    const auto exports = f.exports();
    REQUIRE(exports.size() == 1);
    CHECK(exports.front().object == "client D-001, all dates, summary Markdown");
    const auto& notices = f.workspace->notices();
    REQUIRE_FALSE(notices.empty());
    CHECK(notices.back().kind == app::Notice::Kind::Info);
    CHECK(notices.back().text.find(target.string()) != std::string::npos);
    // No temporary file is left beside it.
    CHECK(std::distance(fs::directory_iterator(f.dir / "out"), fs::directory_iterator{}) == 1);

    // Close, then reopen: what was chosen is kept for the same client.
    f.ui.click("export-close", f.draw);
    CHECK_FALSE(f.view->isOpen());
    f.view->open();
    f.ui.frames(2, f.draw);
    CHECK(f.view->outputPath() == target.string());
}

TEST_CASE("a PDF export runs on a worker with a progress state and starts with %PDF", "[app][export]") {
    ExportFixture f;
    f.openDialog();
    f.ui.click("export-format-pdf", f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.view->options().format == app::ExportFormat::Pdf);
    CHECK(f.view->outputPath().ends_with(".pdf")); // the typed name follows the format
    CHECK_FALSE(f.view->model().previewIsExact());
    CHECK(f.view->model().previewText().starts_with("# ")); // the Markdown of the same document
    CHECK(f.renderedText().find("Content preview (the PDF is laid out from the same document)") != std::string::npos);
    f.ui.click("export-paper-letter", f.draw);
    CHECK(f.view->options().paper == report::PaperSize::Letter);

    const auto target = f.dir / "summary.pdf";
    f.setText("export-path", target.string());
    f.ui.click("export-write", f.draw);
    REQUIRE(f.view->model().writing());
    CHECK(f.ui.drawn("export-progress"));
    {
        // The worker may finish before this frame; while it has not, the dialog says what it does.
        const auto text = f.renderedText();
        const bool saysWriting = text.find("Writing PDF") != std::string::npos;
        CHECK((saysWriting || !f.view->model().writing()));
    }
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);

    REQUIRE(fs::exists(target));
    CHECK(ownerOnly(target));
    CHECK(test::readFile(target).starts_with("%PDF"));
    const auto exports = f.exports();
    REQUIRE(exports.size() == 1);
    CHECK(exports.front().object == "client D-001, all dates, summary PDF");
}

TEST_CASE("an existing file is replaced only when 'Replace existing file' is ticked", "[app][export]") {
    ExportFixture f;
    const auto target = f.dir / "existing.md";
    test::writeFile(target, "keep me");
    f.openDialog();
    f.setText("export-path", target.string());
    CHECK(f.ui.drawn("export-path-exists"));
    CHECK_FALSE(f.view->replaceExisting());

    f.ui.click("export-write", f.draw); // disabled: nothing starts
    CHECK_FALSE(f.view->model().writing());
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    CHECK(test::readFile(target) == "keep me");
    CHECK(f.exports().empty());

    // The model refuses too, whatever a view would let through.
    app::ExportModel& model = const_cast<app::ExportModel&>(f.view->model());
    CHECK_FALSE(model.beginWrite(f.workspace->vault(), target, false));
    CHECK(model.writeError().find("already exists") != std::string::npos);
    CHECK(test::readFile(target) == "keep me");

    f.ui.click("export-replace", f.draw);
    REQUIRE(f.view->replaceExisting());
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    CHECK(test::readFile(target) == f.view->model().previewText());
    CHECK(ownerOnly(target));
    CHECK(f.exports().size() == 1);
    CHECK(f.ui.drawn("export-written"));
    // After a write, a second one to the same file must be asked for again.
    CHECK_FALSE(f.view->replaceExisting());
    f.ui.click("export-write", f.draw);
    CHECK_FALSE(f.view->model().writing());
    CHECK(f.exports().size() == 1);
}

TEST_CASE("an invalid period is said inline and nothing is written", "[app][export]") {
    ExportFixture f;
    f.openDialog();
    const auto target = f.dir / "period.md";
    f.setText("export-path", target.string());

    f.setText("export-from", "2025-02-30");
    CHECK(f.ui.drawn("export-from-error"));
    CHECK_FALSE(f.view->model().document().has_value());
    CHECK(f.view->model().writeBlocker().has_value());
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    CHECK_FALSE(fs::exists(target));
    CHECK(f.exports().empty());

    // A start after the end is refused too.
    f.setText("export-from", "2025-06-01");
    f.setText("export-to", "2025-03-01");
    CHECK_FALSE(f.ui.drawn("export-from-error"));
    CHECK(f.ui.drawn("export-period-error"));
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    CHECK_FALSE(fs::exists(target));

    // A valid period: fewer sessions, and the audit log names the period.
    f.setText("export-from", "2025-03-01");
    f.setText("export-to", "2025-05-31");
    CHECK_FALSE(f.ui.drawn("export-period-error"));
    REQUIRE(f.view->model().document().has_value());
    const int sessions = f.view->model().document()->header.sessions;
    CHECK(sessions > 0);
    CHECK(sessions < 24);
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    CHECK(fs::exists(target));
    const auto exports = f.exports();
    REQUIRE(exports.size() == 1);
    CHECK(exports.front().object == "client D-001, 2025-03-01 to 2025-05-31, summary Markdown");
}

TEST_CASE("the dialog shows the client's code, never the display name, and de-identifies the questions",
          "[app][export]") {
    ExportFixture f;
    const auto client = f.client();
    REQUIRE(client.displayName == "Anna K.");
    const std::string partner = client.redactions.front().term;
    f.openDialog();

    f.ui.click("export-questions", f.draw);
    f.ui.type("How do I stay without an agenda?\n- What if " + partner + " calls me?", f.draw);
    f.ui.frames(2, f.draw);
    const auto& document = f.view->model().document();
    REQUIRE(document.has_value());
    REQUIRE(document->questions.size() == 2);
    CHECK(document->questions[0] == "How do I stay without an agenda?");
    CHECK_FALSE(containsWord(document->questions[1], partner));
    CHECK(f.view->model().previewText().find("How do I stay without an agenda?") != std::string::npos);

    f.ui.click("export-exact-dates", f.draw);
    f.ui.click("export-psychotherapy", f.draw);
    f.ui.frame(f.draw);
    CHECK(f.view->options().includePsychotherapyNotes);
    CHECK(f.ui.drawn("export-psychotherapy-warning"));
    REQUIRE(f.view->model().document().has_value());
    CHECK(f.view->model().document()->header.exactDates);
    CHECK(f.view->model().document()->header.psychotherapyNotesIncluded);

    const auto text = f.renderedText();
    CHECK(text.find(kClient) != std::string::npos);
    CHECK(text.find("NOT encrypted") != std::string::npos);
    CHECK(text.find("De-identification report") != std::string::npos);
    CHECK(text.find("Anna") == std::string::npos);

    const auto target = f.dir / "with-notes.html";
    f.ui.click("export-format-html", f.draw);
    f.setText("export-path", target.string());
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    const auto written = test::readFile(target);
    CHECK(written.starts_with("<!DOCTYPE html>"));
    CHECK(written == f.view->model().previewText());
    CHECK(written.find("Anna") == std::string::npos);
    const auto exports = f.exports();
    REQUIRE(exports.size() == 1);
    CHECK(exports.front().object == "client D-001, all dates, summary HTML (with psychotherapy notes)");
}

TEST_CASE("the summary is rebuilt when an option changes, not per frame - Escape closes the dialog", "[app][export]") {
    ExportFixture f;
    f.openDialog();
    const int builds = f.view->model().builds();
    const int loads = f.view->model().loads();
    f.ui.frames(30, f.draw);
    CHECK(f.view->model().builds() == builds);
    CHECK(f.view->model().loads() == loads);

    f.ui.click("export-format-pdf", f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.view->model().builds() == builds + 1);
    f.ui.click("export-paper-letter", f.draw); // layout only: same document
    f.ui.frames(2, f.draw);
    CHECK(f.view->model().builds() == builds + 1);
    CHECK(f.view->model().loads() == loads);

    f.ui.pressKey(ImGuiKey_Escape, f.draw);
    CHECK_FALSE(f.view->isOpen());
    CHECK_FALSE(f.ui.drawn("export-write"));
}

TEST_CASE("export paths: defaults, extensions and ~", "[app][export]") {
    const core::Date day{std::chrono::year{2026} / std::chrono::March / 17};
    const auto path = app::ExportModel::defaultOutputPath("C/014 x", app::ExportFormat::Pdf, day);
    CHECK(path.filename() == "C-014-x-supervision-2026-03-17.pdf");
    CHECK(path.parent_path() == app::ExportModel::defaultFolder());
    CHECK(app::ExportModel::withFormatExtension("/tmp/a.md", app::ExportFormat::Html) == "/tmp/a.html");
    CHECK(app::ExportModel::withFormatExtension("/tmp/a.PDF", app::ExportFormat::Markdown) == "/tmp/a.md");
    CHECK(app::ExportModel::withFormatExtension("/tmp/notes.txt", app::ExportFormat::Pdf) == "/tmp/notes.txt");
    CHECK(app::ExportModel::withFormatExtension("/tmp/v1.0/summary", app::ExportFormat::Pdf) == "/tmp/v1.0/summary");
    CHECK(app::ExportModel::resolvePath("  ") == fs::path{});
    CHECK(app::ExportModel::resolvePath("x.md") == app::ExportModel::defaultFolder() / "x.md");
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        CHECK(app::ExportModel::resolvePath("~/x.md") == fs::path{home} / "x.md");
    }
}

TEST_CASE("Ctrl+P in the main view opens the Export dialog for the selected client only", "[app][export]") {
    test::TempDir dir;
    test::HeadlessUi ui;
    const auto vaultPath = dir / "clinic.tessera";
    {
        auto vault = storage::Vault::create(vaultPath, storage::Secret{"export passphrase"});
        core::DemoOptions options;
        options.clients = 2;
        options.sessionsPerClient = 4;
        core::CaseloadDocument document;
        document.clients = core::makeDemoCaseload(options, vault.codebook());
        (void)vault.importCaseload(std::move(document));
    }
    app::Application application{app::Settings{}, dir / "settings.json"};
    const std::function<void()> draw = [&] { application.draw(); };
    application.beginUnlock(vaultPath, storage::Secret{"export passphrase"});
    application.waitForUnlock();
    REQUIRE(application.isUnlocked());
    ui.frames(3, draw);
    auto& workspace = *application.workspace();
    auto& exportView = application.mainView()->exportView();

    workspace.selectedClient.reset();
    ui.pressChar('P', draw, true);
    ui.frames(2, draw);
    CHECK_FALSE(exportView.isOpen());

    workspace.selectedClient = workspace.vault().findClient("D-002")->id;
    ui.frames(2, draw);
    ui.pressChar('P', draw, true);
    ui.frames(2, draw);
    CHECK(exportView.isOpen());
    exportView.waitForSummary();
    ui.frame(draw);
    CHECK(ui.drawn("export-write"));
    REQUIRE(exportView.model().document().has_value());
    CHECK(exportView.model().document()->header.clientCode == "D-002");
}

TEST_CASE("a write that fails, or an export that cannot be recorded, leaves no file and says why", "[app][export]") {
    ExportFixture f;
    f.openDialog();
    f.setText("export-path", (f.dir / "missing-folder" / "summary.md").string());
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    CHECK(f.ui.drawn("export-write-error"));
    CHECK(f.view->model().writeError().find("does not exist") != std::string::npos);
    CHECK_FALSE(fs::exists(f.dir / "missing-folder"));
    CHECK(f.exports().empty());

    // A vault opened read-only refuses to record the export: the summary must not stay on disk.
    f.reopen(storage::Access::ReadOnly);
    const auto target = f.dir / "unrecorded.md";
    f.setText("export-path", target.string());
    f.ui.click("export-write", f.draw);
    f.view->waitForWrite();
    f.ui.frames(2, f.draw);
    CHECK_FALSE(fs::exists(target));
    CHECK(f.ui.drawn("export-write-error"));
    CHECK(f.view->model().writeError().find("not kept") != std::string::npos);
    CHECK_FALSE(f.view->model().lastWritten().has_value());
}

TEST_CASE("optional template sections are checkboxes, off by default - ticking one adds it to the preview",
          "[app][export]") {
    ExportFixture f;
    f.openDialog();
    CHECK(f.view->model().options().extraSections.empty());
    CHECK(f.view->model().previewText().find("## Presenting") == std::string::npos);
    REQUIRE(f.ui.drawn("export-section-presenting"));
    // Below the questions: scroll the options down to it.
    f.ui.hover("export-questions", f.draw);
    ImGui::GetIO().MouseWheel = -30.0f;
    f.ui.frames(3, f.draw);
    // The summary opens with "What stands out" in the preview too.
    CHECK(f.view->model().previewText().find("## What stands out") != std::string::npos);

    f.ui.click("export-section-presenting", f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.view->model().options().extraSections == std::vector<std::string>{"presenting"});
    const auto& preview = f.view->model().previewText();
    CHECK(preview.find("## Presenting") != std::string::npos);
    CHECK(preview.find("Anna") == std::string::npos);

    f.ui.click("export-section-presenting", f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.view->model().options().extraSections.empty());
}

namespace {

// The index of the review's entry for `text` (a suspect when `suspect`), or nullopt.
std::optional<std::size_t> reviewIndex(const app::ExportModel& model, const std::string& text, bool suspect) {
    const auto& entries = model.review();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].text == text && entries[i].suspect == suspect) {
            return i;
        }
    }
    return std::nullopt;
}

// The preview's words under each highlight of one kind.
std::vector<std::string> highlighted(const app::ExportModel& model, bool suspect) {
    std::vector<std::string> words;
    for (const auto& h : model.highlights()) {
        if (h.suspect == suspect) {
            words.push_back(model.previewText().substr(h.begin, h.end - h.begin));
        }
    }
    return words;
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

} // namespace

TEST_CASE("the review lists and highlights suspects and replacements - a suspect is redacted with a label or "
          "marked not identifying in one click, and the vault keeps both",
          "[app][export][review]") {
    ExportFixture f;
    f.openDialog();
    const auto& model = f.view->model();
    CHECK(f.ui.drawn("export-review"));

    // "Hope" and "Will" are given names and ordinary words: left in place, listed, highlighted.
    const auto hope = reviewIndex(model, "Hope", true);
    const auto will = reviewIndex(model, "Will", true);
    REQUIRE(hope);
    REQUIRE(will);
    CHECK(model.review()[*hope].kind == core::ReplacementKind::Person);
    CHECK(model.review()[*hope].suggestedLabel == "[person]");
    CHECK(containsWord(model.previewText(), "Hope"));
    CHECK(contains(highlighted(model, true), "Hope"));
    CHECK(contains(highlighted(model, true), "Will"));
    // Each time the notes say it is highlighted, and nowhere else: not in the codebook's own label
    // "Hope the partner will change", which is not a suspect either.
    const auto suspectWords = highlighted(model, true);
    CHECK(std::count(suspectWords.begin(), suspectWords.end(), "Hope") == model.review()[*hope].count);
    CHECK(model.previewText().find("Hope the partner will change") != std::string::npos);
    for (const auto& h : model.highlights()) {
        CHECK_FALSE(model.previewText().substr(h.begin).starts_with("Hope the partner"));
    }
    // Replacements are listed by what the summary shows, never by the words replaced.
    const auto partner = reviewIndex(model, "[partner]", false);
    REQUIRE(partner);
    CHECK(model.review()[*partner].rule == "redaction-list");
    CHECK(model.review()[*partner].count ==
          model.document()->deidentification.count(core::ReplacementKind::RedactionTerm) -
              model.document()->deidentification.byLabel[1].second);
    CHECK(contains(highlighted(model, false), "\\[partner\\]"));
    CHECK(contains(highlighted(model, false), "\\[phone\\]"));
    const std::size_t suspectsBefore = model.suspectCount();
    CHECK(suspectsBefore >= 2);

    // The suspect's row shows it in the preview: clicking it scrolls there, and it is drawn highlighted.
    REQUIRE(f.ui.drawn("export-suspect-" + std::to_string(*hope)));
    CHECK(f.ui.drawn("export-replacement-" + std::to_string(*partner)));
    f.ui.click("export-suspect-" + std::to_string(*hope), f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.ui.drawn("export-highlight-suspect"));

    // Redact "Hope" as "[friend]": on the client's list, and the next summary replaces it.
    f.setText("export-suspect-label-" + std::to_string(*hope), "friend");
    f.ui.click("export-suspect-redact-" + std::to_string(*hope), f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.view->reviewError().empty());
    const auto listed = f.client().redactions;
    CHECK(std::find(listed.begin(), listed.end(), core::Redaction{"Hope", "[friend]"}) != listed.end());
    CHECK_FALSE(containsWord(model.previewText(), "Hope"));
    CHECK(model.previewText().find("\\[friend\\]") != std::string::npos);
    CHECK_FALSE(reviewIndex(model, "Hope", true));
    CHECK(reviewIndex(model, "[friend]", false));
    CHECK(contains(highlighted(model, false), "\\[friend\\]"));
    CHECK(model.suspectCount() == suspectsBefore - 1);

    // "Will" is nobody here: marked not identifying, it stays in the text and leaves the review.
    const auto willNow = reviewIndex(model, "Will", true);
    REQUIRE(willNow);
    f.ui.click("export-suspect-keep-" + std::to_string(*willNow), f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.view->reviewError().empty());
    CHECK(f.workspace->vault().notIdentifying(f.client().id) == std::vector<std::string>{"Will"});
    CHECK(containsWord(model.previewText(), "Will"));
    CHECK_FALSE(reviewIndex(model, "Will", true));
    CHECK_FALSE(contains(highlighted(model, true), "Will"));
    CHECK(model.suspectCount() == suspectsBefore - 2);
    const std::string preview = model.previewText();

    // Both decisions are in the vault: closed and opened again, the summary is the same.
    f.reopen();
    CHECK(f.view->model().previewText() == preview);
    CHECK_FALSE(reviewIndex(f.view->model(), "Hope", true));
    CHECK_FALSE(reviewIndex(f.view->model(), "Will", true));
}

TEST_CASE("a review command the vault refuses says why and changes nothing", "[app][export][review]") {
    ExportFixture f;
    f.reopen(storage::Access::ReadOnly);
    const auto hope = reviewIndex(f.view->model(), "Hope", true);
    REQUIRE(hope);
    f.ui.click("export-suspect-keep-" + std::to_string(*hope), f.draw);
    f.ui.frames(2, f.draw);
    CHECK(f.ui.drawn("export-review-error"));
    CHECK(f.view->reviewError().find("was not marked") != std::string::npos);
    CHECK(f.workspace->vault().notIdentifying(f.client().id).empty());
    CHECK(reviewIndex(f.view->model(), "Hope", true));
}

TEST_CASE("the preview keeps drawing the previous summary while the next one is built off the UI thread",
          "[app][export][review]") {
    ExportFixture f;
    f.openDialog();
    const std::string before = f.view->model().previewText();
    const int builds = f.view->model().builds();
    REQUIRE_FALSE(f.view->model().building());

    // The frame that sees the change starts the build and returns without waiting for it.
    f.ui.click("export-exact-dates", f.drawNow);
    f.ui.frame(f.drawNow);
    CHECK(f.view->options().exactDates);
    CHECK(f.ui.drawn("export-preview"));
    if (f.view->model().building()) {
        // Whatever the worker's pace: until it is done, the old preview is drawn, marked as
        // updating, and it cannot be written.
        CHECK(f.view->model().previewText() == before);
        CHECK(f.ui.drawn("export-updating"));
        CHECK(f.view->model().writeBlocker() == std::optional<std::string>{"The summary is being updated."});
    }
    f.view->waitForSummary();
    f.ui.frame(f.drawNow);
    CHECK_FALSE(f.view->model().building());
    CHECK(f.view->model().builds() == builds + 1);
    CHECK(f.view->model().previewText() != before);
    CHECK(f.view->model().document()->header.exactDates);
    CHECK_FALSE(f.ui.drawn("export-updating"));
}

TEST_CASE("the preview wraps long lines at the pane's width for display - the text written is unchanged",
          "[app][export]") {
    ExportFixture f;
    f.openDialog();
    const auto& model = f.view->model();
    const auto& rows = f.view->previewRows();
    const std::string_view text = model.previewText();
    REQUIRE(model.previewLineCount() > 0);
    CHECK(rows.size() > model.previewLineCount()); // the summary's paragraphs are longer than the pane
    const float width = f.view->previewWrapWidth();
    REQUIRE(width > 0.0f);

    // Row by row, every line is drawn whole and in order: between two rows of one line only the
    // spaces where it was wrapped; no row wider than the pane (a single word may be, and is cut).
    std::size_t row = 0;
    for (std::size_t line = 0; line < model.previewLineCount(); ++line) {
        const auto content = model.previewLine(line);
        const auto begin = static_cast<std::size_t>(content.data() - text.data());
        const auto end = begin + content.size();
        REQUIRE(row < rows.size());
        CHECK(rows[row].begin == begin);
        std::size_t at = begin;
        while (row < rows.size() && rows[row].begin < end + (content.empty() ? 1 : 0)) {
            INFO("line " << line << ", row " << row);
            CHECK(text.substr(at, rows[row].begin - at).find_first_not_of(' ') == std::string_view::npos);
            const auto shown = text.substr(rows[row].begin, rows[row].end - rows[row].begin);
            if (shown.find(' ') != std::string_view::npos) {
                CHECK(ImGui::CalcTextSize(shown.data(), shown.data() + shown.size()).x <= width + 1.0f);
            }
            at = rows[row].end;
            ++row;
            if (content.empty()) {
                break;
            }
        }
        CHECK(at == end);
    }
    CHECK(row == rows.size());

    // (What is written is the preview text itself, with no line break added: the first test
    // compares the file with previewText().)
}
