// The review views (Themes over time, Search) and the shared drawing widgets, driven headless
// with simulated input against a real vault filled with the demo caseload.

#include "app_fixture.hpp"

#include "tessera/core/demo.hpp"
#include "ui/shortcuts.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"
#include "views/search_view.hpp"
#include "views/themes_view.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <set>

using namespace tessera;

namespace {

struct ReviewFixture {
    test::TempDir dir;
    test::HeadlessUi ui{{1440.0f, 2200.0f}};
    std::unique_ptr<app::Workspace> workspace;

    explicit ReviewFixture(core::DemoOptions options = {}) {
        workspace = std::make_unique<app::Workspace>(test::demoVault(dir / "review.tessera", {.caseload = options}));
    }

    [[nodiscard]] core::ClientId client(const std::string& code) const {
        const auto found = workspace->vault().findClient(code);
        REQUIRE(found.has_value());
        return found->id;
    }

    // Draws until the view's model has taken the build its inputs asked for: a frame starts it
    // on a worker (once a stale build still running has ended), the wait lets the worker finish,
    // the next frame takes it.
    template <typename View> void settle(View& view, const std::function<void()>& draw) {
        ui.frame(draw);
        while (view.model().building()) {
            view.waitForModel();
            ui.frame(draw);
        }
    }

    // The view in a window that fills the display, as the main view's tab area would hold it.
    template <typename View> std::function<void()> drawer(View& view) {
        return [&view] {
            ImGui::SetNextWindowPos({0.0f, 0.0f});
            ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
            ImGui::Begin("review", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
            view.draw();
            ImGui::End();
        };
    }
};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// A theme (position in the analysis) with at least `quotes` quotes, strongest first.
std::size_t themeWithQuotes(const core::ClientAnalysis& analysis, std::size_t quotes) {
    for (const auto position : core::rankThemes(analysis)) {
        if (analysis.themes[position].quotes.size() >= quotes) {
            return position;
        }
    }
    FAIL("the demo client has no theme with " << quotes << " quotes");
    return 0;
}

bool allVerticesFinite() {
    const auto* data = ImGui::GetDrawData();
    REQUIRE(data != nullptr);
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const auto& vertices = data->CmdLists[l]->VtxBuffer;
        for (int v = 0; v < vertices.Size; ++v) {
            if (!std::isfinite(vertices[v].pos.x) || !std::isfinite(vertices[v].pos.y)) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

TEST_CASE("themes over time: a calm empty state without a client, one build per client and revision", "[app][themes]") {
    ReviewFixture f;
    app::ThemesView view{*f.workspace};
    const auto draw = f.drawer(view);

    f.ui.frames(3, draw);
    CHECK(f.ui.drawn("themes-empty"));
    CHECK_FALSE(f.ui.drawn("themes-heatmap"));
    CHECK(view.model().builds() == 0);

    f.workspace->selectedClient = f.client("D-001");
    f.settle(view, draw);
    f.ui.frames(40, draw);
    CHECK(view.model().builds() == 1);
    CHECK(f.ui.drawn("themes-heatmap"));
    CHECK(view.model().analysis().clientCode == "D-001");
    CHECK(view.model().sessionCount() == 24);

    // Changing the order of the rows is drawing only: no rebuild, but the rows follow rankThemes.
    f.ui.click("themes-order-ranked", draw);
    f.ui.frames(5, draw);
    CHECK(view.order() == app::ThemeRowOrder::Ranked);
    CHECK(view.model().builds() == 1);
    const auto ranked = core::rankThemes(view.model().analysis());
    const auto rows = view.model().rows(app::ThemeRowOrder::Ranked, false);
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.front() == ranked.front());
    const auto first = view.cellCentre(rows[0], 0);
    const auto second = view.cellCentre(rows[1], 0);
    REQUIRE(first.has_value());
    REQUIRE(second.has_value());
    CHECK(first->y < second->y);

    // A change in the vault (the revision) rebuilds once, with the new data.
    auto record = f.workspace->vault().clientRecord(f.client("D-001"));
    auto draft = record.sessions.back();
    REQUIRE_FALSE(draft.isSigned());
    std::erase_if(draft.observations, [](const core::Observation& o) { return o.themeKey == "money"; });
    draft.observations.push_back({"money", 3, "I have no account of my own, still.", ""});
    f.workspace->vault().saveDraft(draft);
    f.settle(view, draw);
    f.ui.frames(20, draw);
    CHECK(view.model().builds() == 2);
    const auto* money = view.model().analysis().theme("money");
    REQUIRE(money != nullptr);
    CHECK(money->stats.latest == 3);
    CHECK(money->quotes.back().text == "I have no account of my own, still.");

    // A period: only its sessions, one more build.
    f.ui.click("themes-from", draw);
    f.ui.type("2025-04-01", draw);
    f.settle(view, draw);
    f.ui.frames(5, draw);
    CHECK(view.model().builds() == 3);
    REQUIRE(view.model().sessionCount() > 0);
    CHECK(view.model().sessionCount() < 24);
    CHECK(view.model().analysis().sessions.front().date >= *core::Date::parse("2025-04-01"));

    // Another client: one more build.
    f.workspace->selectedClient = f.client("D-002");
    f.settle(view, draw);
    f.ui.frames(20, draw);
    CHECK(view.model().builds() == 4);
    CHECK(view.model().analysis().clientCode == "D-002");
}

TEST_CASE("themes over time: hovering a heatmap cell shows its date, theme, intensity and quote", "[app][themes]") {
    ReviewFixture f;
    app::ThemesView view{*f.workspace};
    const auto draw = f.drawer(view);
    f.workspace->selectedClient = f.client("D-001");
    f.settle(view, draw);
    f.ui.frames(4, draw);

    const auto& analysis = view.model().analysis();
    const auto theme = themeWithQuotes(analysis, 1);
    const auto& quote = analysis.themes[theme].quotes.front();
    const auto centre = view.cellCentre(theme, quote.sessionIndex);
    REQUIRE(centre.has_value());
    ImGui::GetIO().MousePos = *centre;
    f.ui.frames(3, draw);
    const auto& hovered = view.hoveredCell();
    REQUIRE(hovered.has_value());
    CHECK(hovered->cell == app::ThemesView::Cell{theme, quote.sessionIndex});
    CHECK(hovered->date == analysis.sessions[quote.sessionIndex].date);
    CHECK(hovered->themeLabel == analysis.themes[theme].label);
    CHECK(hovered->intensity == analysis.themes[theme].stats.intensity[quote.sessionIndex]);
    CHECK(hovered->intensity >= 1);
    CHECK(hovered->quote == quote.text);

    // A session of the same theme without a quote: the tooltip has no quote.
    std::optional<std::size_t> quiet;
    for (std::size_t s = 0; s < analysis.sessions.size() && !quiet; ++s) {
        if (view.model().quoteAt(theme, s) == nullptr) {
            quiet = s;
        }
    }
    REQUIRE(quiet.has_value());
    ImGui::GetIO().MousePos = *view.cellCentre(theme, *quiet);
    f.ui.frames(2, draw);
    REQUIRE(view.hoveredCell().has_value());
    CHECK(view.hoveredCell()->cell == app::ThemesView::Cell{theme, *quiet});
    CHECK(view.hoveredCell()->quote.empty());

    // Away from the grid: nothing hovered.
    ImGui::GetIO().MousePos = {5.0f, 2190.0f};
    f.ui.frames(2, draw);
    CHECK_FALSE(view.hoveredCell().has_value());
}

TEST_CASE("themes over time: clicking a heatmap cell opens that session's note", "[app][themes]") {
    ReviewFixture f;
    app::ThemesView view{*f.workspace};
    const auto draw = f.drawer(view);
    const auto client = f.client("D-003");
    f.workspace->selectedClient = client;
    f.workspace->tab = app::MainTab::Themes;
    f.settle(view, draw);
    f.ui.frames(4, draw);

    const auto& analysis = view.model().analysis();
    const auto theme = view.model().rows(view.order(), false).front();
    const std::size_t session = 7;
    const auto centre = view.cellCentre(theme, session);
    REQUIRE(centre.has_value());
    f.ui.clickAt(*centre, draw);
    REQUIRE(f.workspace->openSession.has_value());
    CHECK(*f.workspace->openSession == analysis.sessions[session].id);
    CHECK(f.workspace->openSession->value == f.workspace->vault().clientRecord(client).sessions[session].id.value);
    CHECK(f.workspace->tab == app::MainTab::Notes);
    CHECK(f.workspace->selectedClient == client);
}

TEST_CASE("themes over time: the quote ledger lists a theme's quotes in date order and opens them", "[app][themes]") {
    ReviewFixture f;
    app::ThemesView view{*f.workspace};
    const auto draw = f.drawer(view);
    const auto client = f.client("D-001");
    f.workspace->selectedClient = client;
    f.settle(view, draw);
    f.ui.frames(4, draw);

    const auto& analysis = view.model().analysis();
    const auto theme = themeWithQuotes(analysis, 3);
    const auto& key = analysis.themes[theme].key;
    f.ui.click("theme-row-" + key, draw);
    REQUIRE(view.ledgerTheme() == theme);

    // The quotes as the vault holds them, in date order.
    std::vector<std::pair<core::Date, std::string>> expected;
    for (const auto& session : f.workspace->vault().clientRecord(client).sessions) {
        const auto* observation = session.observation(key);
        if (observation != nullptr && !observation->quote.empty()) {
            expected.emplace_back(session.date, observation->quote);
        }
    }
    REQUIRE(expected.size() >= 3);
    CHECK(std::is_sorted(expected.begin(), expected.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; }));
    const auto& quotes = analysis.themes[theme].quotes;
    REQUIRE(quotes.size() == expected.size());
    for (std::size_t i = 0; i < quotes.size(); ++i) {
        CHECK(quotes[i].date == expected[i].first);
        CHECK(quotes[i].text == expected[i].second);
    }
    // Drawn top to bottom in that order.
    REQUIRE(f.ui.drawn("quote-0"));
    REQUIRE(f.ui.drawn("quote-2"));
    CHECK(f.ui.rect("quote-0")->min.y < f.ui.rect("quote-1")->min.y);
    CHECK(f.ui.rect("quote-1")->min.y < f.ui.rect("quote-2")->min.y);

    f.ui.click("quote-2", draw);
    REQUIRE(f.workspace->openSession.has_value());
    CHECK(*f.workspace->openSession == quotes[2].session);
    CHECK(f.workspace->tab == app::MainTab::Notes);
}

TEST_CASE("themes over time: 160 sessions scroll horizontally with the newest at the right", "[app][themes]") {
    core::DemoOptions options;
    options.clients = 1;
    options.sessionsPerClient = 160;
    ReviewFixture f{options};
    app::ThemesView view{*f.workspace};
    const auto draw = f.drawer(view);
    f.workspace->selectedClient = f.client("D-001");
    f.settle(view, draw);
    f.ui.frames(6, draw);

    REQUIRE(view.model().sessionCount() == 160);
    const auto theme = view.model().rows(view.order(), false).front();
    const auto grid = f.ui.rect("themes-heatmap");
    REQUIRE(grid != nullptr);
    const auto newest = view.cellCentre(theme, 159);
    const auto oldest = view.cellCentre(theme, 0);
    REQUIRE(newest.has_value());
    REQUIRE(oldest.has_value());
    const auto labels = f.ui.rect("heatmap-labels");
    REQUIRE(labels != nullptr);
    // The oldest sessions are scrolled out behind the fixed label column; the newest are in view.
    CHECK(oldest->x < labels->max.x);
    CHECK(newest->x > labels->max.x);
    CHECK(newest->x < 1440.0f);
    ImGui::GetIO().MousePos = *newest;
    f.ui.frames(2, draw);
    REQUIRE(view.hoveredCell().has_value());
    CHECK(view.hoveredCell()->cell.session == 159);
    CHECK(view.model().builds() == 1);
}

TEST_CASE("search: a typed word is searched after the debounce, and the client filter narrows it", "[app][search]") {
    ReviewFixture f;
    app::SearchView view{*f.workspace};
    const auto draw = f.drawer(view);
    f.ui.frames(2, draw);
    CHECK(f.ui.drawn("search-hint"));

    f.ui.click("search-query", draw);
    for (const char* letter : {"h", "a", "n", "d", "o", "v", "e", "r"}) {
        f.ui.type(letter, draw);
    }
    // Typing fast: nothing has been searched yet.
    CHECK(std::string{view.query()} == "handover");
    CHECK(view.model().runs() == 0);
    f.ui.frame(draw, 0.3f);
    f.settle(view, draw);
    CHECK(view.model().runs() == 1);
    f.ui.frames(10, draw);
    CHECK(view.model().runs() == 1);

    const auto everywhere = f.workspace->vault().search({"handover", std::nullopt, std::nullopt, 200});
    const auto& rows = view.model().rows();
    REQUIRE_FALSE(rows.empty());
    CHECK(rows.size() == everywhere.size());
    std::set<std::string> clients;
    for (const auto& row : rows) {
        clients.insert(row.hit.clientCode);
        const bool emphasised = std::any_of(row.snippet.begin(), row.snippet.end(), [](const app::TextRun& run) {
            return run.emphasised && lower(run.text).find("handover") != std::string::npos;
        });
        CHECK(emphasised);
        CHECK_FALSE(row.where.empty());
        CHECK(row.where.find(':') == std::string::npos);
    }
    REQUIRE(clients.size() >= 2);
    REQUIRE(f.ui.drawn("search-result-0"));

    // Only one client's notes.
    const std::string code = *std::next(clients.begin());
    f.ui.click("search-client", draw);
    f.ui.frames(2, draw); // the list opens, then settles where it is shown
    f.ui.click("search-client-" + code, draw);
    f.settle(view, draw);
    CHECK(view.model().runs() == 2);
    const auto filtered = f.workspace->vault().search({"handover", code, std::nullopt, 200});
    CHECK(view.model().rows().size() == filtered.size());
    CHECK(view.model().rows().size() < rows.size() + 1);
    for (const auto& row : view.model().rows()) {
        CHECK(row.hit.clientCode == code);
    }

    // A word no note holds says so.
    f.ui.click("search-query", draw);
    f.ui.pressChar('A', draw, true);
    f.ui.type("zebrafinch", draw);
    f.ui.frame(draw, 0.3f);
    f.settle(view, draw);
    CHECK(view.model().rows().empty());
    CHECK(f.ui.drawn("search-no-results"));
}

TEST_CASE("search: a quote is labelled by its theme and clicking or Enter on a result opens the note",
          "[app][search]") {
    ReviewFixture f;
    app::SearchView view{*f.workspace};
    const auto draw = f.drawer(view);
    f.ui.frames(2, draw);
    f.ui.click("search-query", draw);
    f.ui.type("\"bad one\"", draw);
    f.ui.pressKey(ImGuiKey_Enter, draw); // at once, no debounce
    f.settle(view, draw);
    CHECK(view.model().runs() == 1);
    const auto& rows = view.model().rows();
    REQUIRE_FALSE(rows.empty());
    const auto quote = std::find_if(
        rows.begin(), rows.end(), [](const app::SearchRow& row) { return row.hit.field == "quote:am-i-the-bad-one"; });
    REQUIRE(quote != rows.end());
    CHECK(quote->where == "Quote · \"Am I the bad one?\"");

    const auto expected = rows.front().hit;
    f.ui.click("search-result-0", draw);
    REQUIRE(f.workspace->openSession.has_value());
    CHECK(*f.workspace->openSession == expected.session);
    CHECK(f.workspace->selectedClient == f.client(expected.clientCode));
    CHECK(f.workspace->tab == app::MainTab::Notes);
    CHECK(f.workspace->vault().session(expected.session).date == expected.date);

    // The clicked result keeps the keyboard focus: Enter opens it again.
    f.workspace->openSession.reset();
    f.workspace->tab = app::MainTab::Search;
    f.ui.pressKey(ImGuiKey_Enter, draw);
    REQUIRE(f.workspace->openSession.has_value());
    CHECK(*f.workspace->openSession == expected.session);
}

TEST_CASE("search: Ctrl+F puts the keyboard focus in the query field", "[app][search]") {
    ReviewFixture f{core::DemoOptions{.clients = 1, .sessionsPerClient = 4}};
    app::SearchView view{*f.workspace};
    const auto inner = f.drawer(view);
    // As the main view does it: Ctrl+F asks the search view to focus its query.
    const auto draw = [&] {
        if (app::ui::pressedCtrl('F')) {
            view.focusQuery();
        }
        inner();
    };
    f.ui.frames(2, draw);
    f.ui.type("custody", draw);
    CHECK(std::string{view.query()}.empty()); // nothing had the focus

    f.ui.pressChar('F', draw, true);
    f.ui.type("custody", draw);
    CHECK(std::string{view.query()} == "custody");

    // Again from elsewhere: the old query is selected, so typing replaces it.
    f.ui.clickAt({700.0f, 2100.0f}, draw); // an empty spot: the field keeps its text and loses the focus
    f.ui.type("x", draw);
    CHECK(std::string{view.query()} == "custody");
    f.ui.pressChar('F', draw, true);
    f.ui.type("court", draw);
    CHECK(std::string{view.query()} == "court");
}

TEST_CASE("widgets: empty and single-value series draw without dividing by zero", "[app][widgets]") {
    CHECK(app::ui::slotCentre(0, 0, 100.0f) == Approx(50.0f));
    CHECK(app::ui::slotCentre(0, 1, 100.0f) == Approx(50.0f));
    CHECK(app::ui::slotCentre(3, 4, 100.0f) == Approx(87.5f));
    CHECK_FALSE(app::ui::slotAt(10.0f, 0, 100.0f).has_value());
    CHECK_FALSE(app::ui::slotAt(10.0f, 3, 0.0f).has_value());
    CHECK_FALSE(app::ui::slotAt(-1.0f, 3, 100.0f).has_value());
    CHECK(app::ui::slotAt(99.9f, 1, 100.0f) == std::optional<std::size_t>{0});
    CHECK(app::ui::slotAt(99.9f, 4, 100.0f) == std::optional<std::size_t>{3});
    CHECK(app::ui::valueY(2.0f, 2.0f, 2.0f, 40.0f) == Approx(20.0f));
    CHECK(app::ui::valueY(3.0f, 0.0f, 3.0f, 40.0f) == Approx(0.0f));
    CHECK(app::ui::valueY(9.0f, 0.0f, 3.0f, 40.0f) == Approx(0.0f));

    test::HeadlessUi ui;
    const std::vector<int> none;
    const std::vector<int> one{2};
    const std::vector<int> many(500, 3);
    const std::vector<float> empty;
    const std::vector<float> single{4.0f};
    const std::vector<float> zero{0.0f};
    const std::vector<std::optional<int>> noLevels;
    const std::vector<std::optional<int>> oneLevel{std::optional<int>{1}};
    const std::vector<std::optional<int>> unrecorded{std::nullopt, std::nullopt};
    const std::array<const char*, 1> flat{"Only"};
    const std::array<const char*, 5> stages{"a", "b", "c", "d", "e"};
    const std::vector<app::TextRun> runs = app::parseMarkedSnippet("a [match] in a passage");
    ui.frame([&] {
        ImGui::Begin("widgets");
        const ImU32 colour = IM_COL32(80, 120, 160, 255);
        app::ui::sparkline(none, colour, {120.0f, 16.0f});
        app::ui::sparkline(one, colour, {120.0f, 16.0f});
        app::ui::sparkline(one, colour, {0.0f, 0.0f});
        app::ui::sparkline(many, colour, {120.0f, 16.0f}, 0);
        app::ui::meter(std::nanf(""), colour, {80.0f, 6.0f});
        app::ui::meter(1.5f, colour, {80.0f, 6.0f});
        app::ui::divergingBarChart("empty", {empty, empty, empty, colour, colour, colour}, {200.0f, 80.0f});
        app::ui::divergingBarChart("single", {single, single, single, colour, colour, colour}, {200.0f, 80.0f});
        app::ui::divergingBarChart("zero", {zero, zero, zero, colour, colour, colour}, {0.0f, 0.0f});
        app::ui::stepChart("none", noLevels, stages, colour, {200.0f, 60.0f});
        app::ui::stepChart("one", oneLevel, stages, colour, {200.0f, 60.0f});
        app::ui::stepChart("flat", oneLevel, flat, colour, {200.0f, 60.0f});
        app::ui::stepChart("unrecorded", unrecorded, stages, colour, {200.0f, 60.0f});
        app::ui::highlightedText(runs, 0.0f, 0);
        app::ui::highlightedText(runs, 300.0f, 2);
        app::ui::trendArrow(core::Trend::Absent);
        ImGui::End();
    });
    CHECK(allVerticesFinite());
}

TEST_CASE("widgets: search snippets, fitted text and trend labels", "[app][widgets]") {
    using app::TextRun;
    CHECK(app::parseMarkedSnippet("I am [afraid] of the [handover].") ==
          std::vector<TextRun>{
              {"I am ", false}, {"afraid", true}, {" of the ", false}, {"handover", true}, {".", false}});
    CHECK(app::parseMarkedSnippet("[fear]") == std::vector<TextRun>{{"fear", true}});
    CHECK(app::parseMarkedSnippet("an [open bracket") == std::vector<TextRun>{{"an [open bracket", false}});
    CHECK(app::parseMarkedSnippet("").empty());

    CHECK(app::ui::trendLabel(core::Trend::Rising) == "↑ rising");
    CHECK(app::ui::trendLabel(core::Trend::Falling) == "↓ falling");
    CHECK(app::ui::trendLabel(core::Trend::Steady) == "→ steady");
    CHECK(std::string{app::ui::intensityName(7)} == "central");

    test::HeadlessUi ui;
    ui.frame([] {
        ImFont* font = ImGui::GetFont();
        const float size = ImGui::GetFontSize();
        const std::string label = "Fear (incl. post-separation abuse)";
        CHECK(app::ui::fitText(label, 1000.0f, font, size) == label);
        const auto cut = app::ui::fitText(label, 90.0f, font, size);
        CHECK(cut.size() < label.size());
        CHECK(cut.ends_with("…"));
        CHECK(ImGui::CalcTextSize(cut.c_str()).x <= 90.0f);
        CHECK(app::ui::fitText("“Am I the bad one?”", 40.0f, font, size).ends_with("…"));
    });
}

TEST_CASE("themes over time: the view shows the same 'What stands out' as the summary", "[app][themes]") {
    ReviewFixture f;
    app::ThemesView view{*f.workspace};
    const auto draw = f.drawer(view);
    f.workspace->selectedClient = f.client("D-001");
    f.settle(view, draw);
    f.ui.frames(10, draw);
    CHECK(f.ui.drawn("themes-standouts"));
    // The same rules over the same sessions as a summary of the whole record.
    const auto record = f.workspace->vault().clientRecord(f.client("D-001"));
    const auto analysis = core::analyseClient(record, f.workspace->vault().codebook());
    const auto expected = core::findStandouts(analysis, record);
    CHECK_FALSE(expected.empty()); // the demo client has signals to show
    REQUIRE(view.model().standouts().size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& label = analysis.themes[expected[i].themeIndex].label;
        const std::string first = core::describeStandout(expected[i], label, [](auto) { return std::string{}; });
        // Same rule and subject: the sentences agree up to the session wording.
        CAPTURE(view.model().standouts()[i], first);
        CHECK(view.model().standouts()[i].substr(0, 12) == first.substr(0, 12));
    }
}
