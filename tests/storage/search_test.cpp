#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace tessera;
using test::passphrase;

namespace {

struct SearchVault {
    test::TempDir dir;
    storage::Vault vault = storage::Vault::create(dir / "v.tessera", passphrase());
    core::ClientId alice = vault.addClient({{}, "C-A", "", {}});
    core::ClientId bob = vault.addClient({{}, "C-B", "", {}});

    core::SessionId note(core::ClientId client, const char* date, std::string content, std::string quote = {},
                         std::string themeKey = "self-blame") {
        const auto id = vault.createSession(client, *core::Date::parse(date), "dap");
        auto session = vault.session(id);
        session.sections[0].text = std::move(content);
        session.observations = {{themeKey, 2, std::move(quote), ""}};
        session.psychotherapyNote = "private process note about lighthouses";
        vault.saveDraft(session);
        return id;
    }

    std::vector<storage::SearchHit> find(std::string text, std::optional<std::string> client = std::nullopt,
                                         std::optional<std::string> theme = std::nullopt) {
        return vault.search({std::move(text), std::move(client), std::move(theme), 50});
    }
};

} // namespace

TEST_CASE("search finds section text, quotes and addenda with snippets", "[search]") {
    SearchVault s;
    const auto id =
        s.note(s.alice, "2026-01-07", "We talked about the custody hearing next month.", "I feel like the bad one.");
    s.vault.signSession(id, *core::Timestamp::parse("2026-01-07T18:00:00Z"));
    s.vault.addAddendum(id, {*core::Timestamp::parse("2026-01-08T09:00:00Z"), "The hearing was postponed."});

    const auto section = s.find("custody");
    REQUIRE(section.size() == 1);
    CHECK(section[0].clientCode == "C-A");
    CHECK(section[0].date.toIso() == "2026-01-07");
    CHECK(section[0].field == "section:data");
    CHECK_THAT(section[0].snippet, Catch::Contains("[custody]"));

    const auto quote = s.find("bad");
    REQUIRE(quote.size() == 1);
    CHECK(quote[0].field == "quote:self-blame");

    const auto both = s.find("hearing");
    REQUIRE(both.size() == 2);
    CHECK((both[0].field == "addendum" || both[1].field == "addendum"));
}

TEST_CASE("the best match comes first", "[search]") {
    SearchVault s;
    (void)s.note(s.alice, "2026-01-07",
                 "Money was mentioned once among many other topics of a long and winding session.");
    (void)s.note(s.bob, "2026-01-08", "Money, money, money: the account, the mortgage, money again.");
    const auto hits = s.find("money");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].clientCode == "C-B");
    CHECK(hits[0].score <= hits[1].score);
}

TEST_CASE("equally good matches: the text written last comes first, with or without a filter", "[search]") {
    SearchVault s;
    const auto march = s.note(s.alice, "2026-03-01", "We reviewed the safety plan together.");
    // An older session written afterwards (notes caught up on later): its text is the newer one.
    const auto january = s.note(s.bob, "2026-01-15", "We reviewed the safety plan together.");
    for (const auto& hits : {s.find("\"safety plan\""), s.find("\"safety plan\"", std::nullopt, "self-blame")}) {
        REQUIRE(hits.size() == 2);
        CHECK(hits[0].score == hits[1].score);
        CHECK(hits[0].session.value == january.value);
        CHECK(hits[1].session.value == march.value);
    }
}

TEST_CASE("phrases, prefixes, stemming and punctuation", "[search]") {
    SearchVault s;
    (void)s.note(s.alice, "2026-01-07", "She keeps blaming herself for the arguments.");
    (void)s.note(s.bob, "2026-01-08", "Arguments about herself and blame, in another order.");
    CHECK(s.find("\"blaming herself\"").size() == 1);
    CHECK(s.find("blame").size() == 2); // porter stemming: blaming ~ blame
    CHECK(s.find("argu*").size() == 2); // prefix
    CHECK(s.find("herself arguments").size() == 2);
    CHECK_NOTHROW(s.find("self-blame \"am I\" (x) OR AND NOT * ^"));
    CHECK(s.find("   ").empty());
    CHECK(s.find("nonexistentword").empty());
}

TEST_CASE("client and theme filters", "[search]") {
    SearchVault s;
    (void)s.note(s.alice, "2026-01-07", "Talked about the house.", "", "shared-history");
    (void)s.note(s.bob, "2026-01-08", "Talked about the house too.", "", "money");
    CHECK(s.find("house").size() == 2);
    REQUIRE(s.find("house", "C-B").size() == 1);
    CHECK(s.find("house", "C-B")[0].clientCode == "C-B");
    REQUIRE(s.find("house", std::nullopt, "shared-history").size() == 1);
    CHECK(s.find("house", std::nullopt, "shared-history")[0].clientCode == "C-A");
    CHECK(s.find("house", "C-A", "money").empty());
}

TEST_CASE("psychotherapy notes are never searchable", "[search]") {
    SearchVault s;
    (void)s.note(s.alice, "2026-01-07", "ordinary progress note");
    CHECK(s.find("lighthouses").empty());
}

TEST_CASE("editing a draft updates the index, and deleting it removes its entries", "[search]") {
    SearchVault s;
    const auto id = s.note(s.alice, "2026-01-07", "first version mentions giraffes");
    CHECK(s.find("giraffes").size() == 1);
    auto session = s.vault.session(id);
    session.sections[0].text = "second version mentions zebras";
    s.vault.saveDraft(session);
    CHECK(s.find("giraffes").empty());
    CHECK(s.find("zebras").size() == 1);
    s.vault.deleteDraft(id);
    CHECK(s.find("zebras").empty());
    CHECK(s.vault.verify().ok);
}
