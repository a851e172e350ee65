// The note editor's spell check as a view-model, without a window: real Debian dictionaries and a
// real encrypted vault. The work runs on workers; the tests wait for it (waitForWork) and then let
// update() take it, so nothing depends on the machine's speed.

#include "test_support.hpp"

#include "viewmodels/spell_model.hpp"

#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tessera;
using app::SpellCheckModel;
using Ranges = std::vector<text::ByteRange>;

namespace {

storage::Secret passphrase() {
    return storage::Secret{"spell model passphrase"};
}

struct Inputs {
    bool enabled = true;
    spell::Language language = spell::Language::EnglishUS;
    std::optional<core::ClientId> client;
};

// Runs the model until its work is done, asking for `text` in field "f" at `revision` as the
// editor does each frame; returns what it would underline.
Ranges settle(SpellCheckModel& model, storage::Vault& vault, const Inputs& inputs, const std::string& text,
              std::uint64_t revision) {
    for (int round = 0; round < 100; ++round) {
        model.update(inputs.enabled, inputs.language, inputs.client, vault.revision());
        (void)model.misspelled("f", text, revision);
        if (!model.busy()) {
            break;
        }
        model.waitForWork();
    }
    return model.misspelled("f", text, revision);
}

core::ClientId addClient(storage::Vault& vault) {
    core::Client client;
    client.code = "C-001";
    client.displayName = "Adaeze Okafor";
    client.redactions.push_back({"Wexcombe Lane", "[street]"});
    return vault.addClient(client);
}

} // namespace

TEST_CASE("spell model: names and redaction terms pass, a personal word is kept across lock and unlock",
          "[viewmodels][spell]") {
    test::TempDir dir;
    const auto path = dir / "spell.tessera";
    // A0 d1 a2 e3 z4 e5 _6 Okafor 7-12 _13 recieved 14-21 _22 a23 _24 letter 25-30 _31 from 32-35 _36
    // Wexcombe 37-44 _45 Lane 46-49 _50 about 51-55 _56 Tobenna 57-63 .64
    const std::string text = "Adaeze Okafor recieved a letter from Wexcombe Lane about Tobenna.";
    {
        auto vault = storage::Vault::create(path, passphrase());
        const Inputs inputs{true, spell::Language::EnglishUS, addClient(vault)};
        SpellCheckModel model(vault);
        CHECK(settle(model, vault, inputs, text, 1) == Ranges{{14, 22}, {57, 64}});
        CHECK(model.ready());
        CHECK(model.hasMedicalWords());
        CHECK(model.error().empty());

        model.requestSuggestions("recieved");
        model.waitForWork();
        model.update(inputs.enabled, inputs.language, inputs.client, vault.revision());
        REQUIRE(model.suggestions("recieved") != nullptr);
        const auto& suggestions = *model.suggestions("recieved");
        CHECK(std::find(suggestions.begin(), suggestions.end(), "received") != suggestions.end());
        CHECK(suggestions.size() <= SpellCheckModel::kSuggestions);
        CHECK(model.suggestions("other") == nullptr);

        model.addToDictionary("Tobenna");
        CHECK(settle(model, vault, inputs, text, 1) == Ranges{{14, 22}});
        model.ignore("recieved");
        CHECK(settle(model, vault, inputs, text, 1).empty());
        CHECK(vault.personalWords() == std::vector<std::string>{"Tobenna"});
    } // locked: the model and the vault are gone
    auto vault = storage::Vault::open(path, passphrase());
    CHECK(vault.personalWords() == std::vector<std::string>{"Tobenna"});
    CHECK(test::readFile(path).find("Tobenna") == std::string::npos); // only inside the encryption
    const Inputs inputs{true, spell::Language::EnglishUS, vault.findClient("C-001")->id};
    SpellCheckModel model(vault);
    // The personal word is still accepted; "Ignore" lasted only for the app's session.
    CHECK(settle(model, vault, inputs, text, 1) == Ranges{{14, 22}});
}

TEST_CASE("spell model: the language setting changes what is flagged, off shows nothing", "[viewmodels][spell]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "language.tessera", passphrase());
    SpellCheckModel model(vault);
    const std::string text = "We organise the visits."; // organise 3-10
    Inputs inputs{true, spell::Language::EnglishUS, std::nullopt};
    CHECK(settle(model, vault, inputs, text, 1) == Ranges{{3, 11}});
    inputs.language = spell::Language::EnglishUK;
    CHECK(settle(model, vault, inputs, text, 1).empty());
    inputs.language = spell::Language::EnglishUS;
    CHECK(settle(model, vault, inputs, text, 1) == Ranges{{3, 11}});
    inputs.enabled = false;
    CHECK(settle(model, vault, inputs, text, 1).empty());
}

TEST_CASE("spell model: until the new check arrives, an edit moves or drops the old underlines",
          "[viewmodels][spell]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "stale.tessera", passphrase());
    SpellCheckModel model(vault);
    const Inputs inputs{true, spell::Language::EnglishUS, std::nullopt};
    // t0 e1 h2 _3 recieve 4-10 _11 teh 12-14
    CHECK(settle(model, vault, inputs, "teh recieve teh", 1) == Ranges{{0, 3}, {4, 11}, {12, 15}});
    // The first word corrected in revision 2: before any new result is taken, its underline is
    // dropped and the others stay (the correction has the same length). Then "Oh, " typed at the
    // start (revision 3): what lies after the edit moves by 4.
    const auto checksBefore = model.checksDone();
    CHECK(model.misspelled("f", "the recieve teh", 2) == Ranges{{4, 11}, {12, 15}});
    CHECK(model.misspelled("f", "Oh, the recieve teh", 3) == Ranges{{8, 15}, {16, 19}});
    CHECK(model.checksDone() == checksBefore); // no result was taken in between
    CHECK(settle(model, vault, inputs, "Oh, the recieve teh", 3) == Ranges{{8, 15}, {16, 19}});
}
