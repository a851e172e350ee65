// The view-models behind the clients and sessions panes and the note editor's draft: plain
// classes, tested without drawing, plus their cost at scale when the views draw frame after frame.

#include "app_fixture.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/client_list_model.hpp"
#include "viewmodels/note_draft.hpp"
#include "viewmodels/session_list_model.hpp"
#include "views/clients_view.hpp"
#include "views/main_view.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"
#include "views/sessions_view.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>

using namespace tessera;

namespace {

storage::ClientSummary summary(std::int64_t id, std::string code, std::string name, int sessions, int drafts) {
    storage::ClientSummary s;
    s.id = core::ClientId{id};
    s.code = std::move(code);
    s.displayName = std::move(name);
    s.sessions = sessions;
    s.drafts = drafts;
    if (sessions > 0) {
        s.firstSession = core::Date::parse("2025-01-06");
        s.lastSession = core::Date::parse("2025-06-16");
    }
    return s;
}

} // namespace

TEST_CASE("the client list filters by every word, in code or display name", "[app][viewmodels]") {
    app::ClientListModel model;
    model.setClients({summary(1, "C-001", "Anna K.", 3, 1), summary(2, "C-014", "Jonas R.", 0, 0),
                      summary(3, "X-140", "Anna M.", 12, 0)},
                     1);
    CHECK(model.visible().size() == 3);
    CHECK(model.all()[0].detail == "3 sessions \xC2\xB7 last 16 Jun 2025");
    CHECK(model.all()[1].detail == "no sessions yet");
    model.setFilter("anna");
    CHECK(model.visible() == std::vector<std::size_t>{0, 2});
    model.setFilter("ANNA 14");
    CHECK(model.visible() == std::vector<std::size_t>{2});
    model.setFilter("  c-0  ");
    CHECK(model.visible() == std::vector<std::size_t>{0, 1});
    model.setFilter("nobody");
    CHECK(model.visible().empty());
    CHECK(model.hasCode("C-014"));
    CHECK_FALSE(model.hasCode("c-014"));
    CHECK(model.visibleIndex(core::ClientId{2}) == std::nullopt);
}

TEST_CASE("session rows are newest first with the strongest themes as marks", "[app][viewmodels]") {
    const auto codebook = core::defaultCodebook();
    core::ClientRecord record;
    record.client = {core::ClientId{7}, "C-007", "", {}};
    core::Session older;
    older.id = core::SessionId{1};
    older.date = *core::Date::parse("2025-03-03");
    older.templateName = "dap";
    older.signedAt = core::Timestamp::parse("2025-03-03T18:00:00Z");
    older.observations = {{"money", 1, {}, {}},          {"fear", 3, {}, {}},           {"self-blame", 2, {}, {}},
                          {"custody", 3, {}, {}},        {"hope-of-change", 2, {}, {}}, {"not-a-theme", 3, {}, {}},
                          {"minimizing", 0, "quote", {}}};
    older.stageOfChange.leaving = core::Stage::Contemplation;
    core::Session newer;
    newer.id = core::SessionId{2};
    newer.date = *core::Date::parse("2025-03-10");
    newer.templateName = "dap";
    record.sessions = {older, newer};

    app::SessionListModel model;
    model.show(app::SessionListModel::build(record, codebook, core::defaultTemplates()));
    const auto& rows = model.rows();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == newer.id);
    CHECK_FALSE(rows[0].isSigned);
    CHECK(rows[0].marks.empty());
    CHECK(rows[1].isSigned);
    CHECK(rows[1].dateText == "Mon 3 Mar 2025");
    CHECK(rows[1].stageText == "Contemplation");
    CHECK(rows[1].themesObserved == 5);
    // Strongest first, ties in codebook order (barriers: custody before fear), at most four.
    REQUIRE(rows[1].marks.size() == app::SessionListModel::kMaxMarks);
    CHECK(rows[1].marks[0].key == "custody");
    CHECK(rows[1].marks[1].key == "fear");
    CHECK(rows[1].marks[2].key == "self-blame");
    CHECK(rows[1].marks[3].key == "hope-of-change");
    CHECK(rows[1].marks[0].colour == codebook.find("custody")->colour);
    CHECK(model.drafts() == 1);
    CHECK(model.lastTemplate() == "dap");
    CHECK(model.indexOf(older.id) == 1U);
}

TEST_CASE("the draft saves without half-finished parts and autosaves once per pause", "[app][viewmodels]") {
    core::Session session;
    session.id = core::SessionId{5};
    session.sections = {{"data", ""}, {"plan", ""}};
    app::NoteDraft draft;
    draft.load(session, core::ClientId{1});
    CHECK(draft.state() == app::NoteDraft::SaveState::Clean);
    CHECK_FALSE(draft.autosaveDue(100.0, 3.0));

    draft.sectionText("data", 0) = "text";
    draft.edited(10.0);
    draft.sectionText("assessment", 1) = "inserted in template order";
    CHECK(draft.session().sections[1].key == "assessment");
    draft.setIntensity("fear", 2, 10.5);
    draft.setIntensity("money", 1, 10.5);
    draft.setIntensity("money", 0, 10.6);
    draft.observationFor("shared-history").quote = "our house";
    draft.addBalanceItem(core::BalanceSide::Stay, 11.0);
    draft.addBalanceItem(core::BalanceSide::Leave, 11.0);
    draft.session().decisionalBalance.back().reason = "safety";
    CHECK(draft.state() == app::NoteDraft::SaveState::Unsaved);
    CHECK_FALSE(draft.autosaveDue(13.0, 3.0));
    CHECK(draft.autosaveDue(14.0, 3.0));

    const auto saved = draft.forSaving();
    CHECK(saved.decisionalBalance == std::vector<core::BalanceItem>{{core::BalanceSide::Leave, "safety", 2}});
    REQUIRE(saved.observations.size() == 2); // money went back to 0 with nothing written
    CHECK(saved.observations[0].themeKey == "fear");
    CHECK(saved.observations[1].themeKey == "shared-history");
    CHECK(draft.session().decisionalBalance.size() == 2); // the editor keeps the empty row

    draft.markSaved("14:05");
    CHECK(draft.state() == app::NoteDraft::SaveState::Saved);
    CHECK_FALSE(draft.autosaveDue(20.0, 3.0));

    draft.edited(21.0);
    draft.markFailed("disk full");
    CHECK(draft.state() == app::NoteDraft::SaveState::Failed);
    CHECK(draft.hasUnsavedEdits());
    CHECK_FALSE(draft.autosaveDue(30.0, 3.0)); // no retry loop without a new edit
    draft.edited(31.0);
    CHECK(draft.autosaveDue(34.0, 3.0));
    CHECK(draft.state() == app::NoteDraft::SaveState::Failed); // until a save succeeds
    draft.markSaved("14:07");
    CHECK(draft.state() == app::NoteDraft::SaveState::Saved);
}

TEST_CASE("a new draft is offered the previous stage of change, not given it", "[app][viewmodels][stage]") {
    const auto day = [](int d) {
        return *core::Date::parse("2026-11-" + std::string{d < 10 ? "0" : ""} + std::to_string(d));
    };
    core::ClientRecord record;
    record.sessions.resize(4);
    for (std::size_t i = 0; i < record.sessions.size(); ++i) {
        record.sessions[i].id = core::SessionId{static_cast<std::int64_t>(i + 1)};
        record.sessions[i].date = day(static_cast<int>(i * 7 + 1));
    }
    record.sessions[0].stageOfChange.leaving = core::Stage::Precontemplation;
    record.sessions[0].stageOfChange.safety = core::Stage::Preparation;
    record.sessions[1].stageOfChange.leaving = core::Stage::Contemplation; // 8 Nov; no safety stage
    const core::SessionId draftId{4};                                      // 22 Nov, after session 3 (none)

    const auto leaving = app::previousStage(record, draftId, core::StageTarget::Leaving);
    REQUIRE(leaving);
    CHECK(leaving->stage == core::Stage::Contemplation); // the latest recorded, passing over session 3
    CHECK(leaving->from == day(8));
    const auto safety = app::previousStage(record, draftId, core::StageTarget::Safety);
    REQUIRE(safety);
    CHECK(safety->stage == core::Stage::Preparation);
    CHECK(safety->from == day(1));
    CHECK_FALSE(app::previousStage(record, core::SessionId{1}, core::StageTarget::Leaving));  // the first session
    CHECK_FALSE(app::previousStage(record, core::SessionId{99}, core::StageTarget::Leaving)); // not in the record

    app::NoteDraft draft;
    draft.load(record.sessions[3], core::ClientId{1});
    draft.offerStages(leaving, safety);
    CHECK(draft.suggestedStage(core::StageTarget::Leaving) == leaving);
    // Only offered: not in the session, not in what is saved, the draft is not even edited.
    CHECK_FALSE(draft.session().stageOfChange.leaving);
    CHECK(draft.forSaving().stageOfChange.empty());
    CHECK(draft.state() == app::NoteDraft::SaveState::Clean);

    CHECK(draft.acceptSuggestedStage(core::StageTarget::Leaving, 5.0));
    CHECK(draft.session().stageOfChange.leaving == core::Stage::Contemplation);
    CHECK(draft.forSaving().stageOfChange.leaving == core::Stage::Contemplation);
    CHECK(draft.state() == app::NoteDraft::SaveState::Unsaved);
    CHECK_FALSE(draft.suggestedStage(core::StageTarget::Leaving)); // accepted: no longer a suggestion
    CHECK_FALSE(draft.acceptSuggestedStage(core::StageTarget::Leaving, 6.0));

    // Picking another stage also ends the suggestion; the safety one stays offered, unsaved.
    draft.setStage(core::StageTarget::Safety, core::Stage::Action, 7.0);
    CHECK_FALSE(draft.suggestedStage(core::StageTarget::Safety));
    draft.setStage(core::StageTarget::Safety, std::nullopt, 8.0);
    CHECK(draft.suggestedStage(core::StageTarget::Safety) == safety); // cleared again: offered again
    CHECK_FALSE(draft.forSaving().stageOfChange.safety);

    // A signed note is never offered anything; opening another note forgets the offer.
    auto signedNote = record.sessions[3];
    signedNote.signedAt = core::Timestamp{};
    draft.load(signedNote, core::ClientId{1});
    draft.offerStages(leaving, safety);
    CHECK_FALSE(draft.suggestedStage(core::StageTarget::Leaving));
    draft.load(record.sessions[3], core::ClientId{1});
    CHECK_FALSE(draft.suggestedStage(core::StageTarget::Safety));
}

TEST_CASE("150 clients and 500 sessions: the models build once per revision, not per frame",
          "[app][viewmodels][scale]") {
    test::DemoVaultOptions options{.caseload = {.clients = 149, .sessionsPerClient = 2, .textLength = 200}};
    options.adjust = [](core::CaseloadDocument& document) {
        core::DemoOptions busy;
        busy.clients = 1;
        busy.sessionsPerClient = 500;
        busy.textLength = 200;
        busy.seed = 3;
        auto extra = core::makeDemoCaseload(busy, core::defaultCodebook());
        extra.front().client.code = "L-500";
        document.clients.push_back(std::move(extra.front()));
    };
    test::AppFixture f{options};
    f.unlock();
    auto& ui = f.ui;
    const auto& draw = f.draw;
    const auto& clients = f.main().clients();
    const auto& sessions = f.main().sessions();
    auto& workspace = f.workspace();
    // Unlocked with no client selected: the client list is read once, the session list is empty.
    CHECK(clients.model().loads() == 1);
    const int sessionLoads = sessions.model().loads();
    workspace.selectedClient = f.clientId("L-500");
    ui.frames(120, draw);
    CHECK(clients.model().all().size() == 150);
    CHECK(sessions.model().rows().size() == 500);
    CHECK(clients.model().loads() == 1);
    CHECK(sessions.model().loads() == sessionLoads + 1);
    // Only the rows on screen are drawn (list clipping).
    CHECK(ui.drawn("session-row-" + std::to_string(sessions.model().rows().front().id.value)));
    CHECK_FALSE(ui.drawn("session-row-" + std::to_string(sessions.model().rows().back().id.value)));

    // Filtering re-filters in memory; the vault is not read again.
    ui.click("client-filter", draw);
    ui.type("L-5", draw);
    ui.frames(30, draw);
    CHECK(clients.model().visible().size() == 1);
    CHECK(clients.model().loads() == 1);

    // A change to the vault: one rebuild each, then quiet again.
    core::Client added;
    added.code = "N-001";
    (void)workspace.vault().addClient(added);
    ui.frames(60, draw);
    CHECK(clients.model().loads() == 2);
    CHECK(sessions.model().loads() == sessionLoads + 2);
}
