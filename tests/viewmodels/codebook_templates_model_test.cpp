// The Codebook and Templates tabs' view-models, without a window: a real encrypted vault, reads
// and saves on workers. The tests wait for the workers (waitForRead, waitForSave) and never for
// time.

#include "test_support.hpp"

#include "viewmodels/codebook_model.hpp"
#include "viewmodels/templates_model.hpp"

#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace tessera;
using app::CodebookModel;
using app::TemplatesModel;

namespace {

storage::Vault newVault(const std::filesystem::path& path) {
    return storage::Vault::create(path, storage::Secret{"codebook model passphrase"});
}

std::vector<std::string> keysOf(const CodebookModel& model, core::ThemeCategory category) {
    std::vector<std::string> keys;
    for (const auto index : model.visible(category)) {
        keys.push_back(model.themes().at(index).key);
    }
    return keys;
}

template <typename Model> auto saved(Model& model) {
    model.waitForSave();
    std::string error;
    auto result = model.takeSaved([&error](const std::string& message) { error = message; });
    INFO(error);
    REQUIRE(result.has_value());
    return *result;
}

} // namespace

TEST_CASE("codebook model: read on a worker, filtered by label or key in any case, grouped by category",
          "[viewmodels][codebook]") {
    test::TempDir dir;
    auto vault = newVault(dir / "codebook.tessera");
    CodebookModel model;
    model.waitForRead(vault, "");
    REQUIRE(model.themes() == vault.codebook().themes());
    CHECK_FALSE(model.reading());
    CHECK(model.retiredCount() == 0);
    std::size_t shown = 0;
    for (const auto category : core::kThemeCategories) {
        shown += model.visible(category).size();
    }
    CHECK(shown == model.themes().size());

    // The same inputs: nothing new to show, no read started.
    CHECK_FALSE(model.update(vault, ""));
    CHECK_FALSE(model.reading());

    // By label, whatever the case; then by key.
    CHECK(model.update(vault, "SELF-BL"));
    CHECK(keysOf(model, core::ThemeCategory::SelfPerception) == std::vector<std::string>{"self-blame"});
    CHECK(keysOf(model, core::ThemeCategory::Barrier).empty());
    CHECK(model.update(vault, "money"));
    CHECK(keysOf(model, core::ThemeCategory::Barrier) == std::vector<std::string>{"money"});
    CHECK(keysOf(model, core::ThemeCategory::SelfPerception).empty());
    REQUIRE(model.find("money") != nullptr);
    CHECK(model.find("no-such-theme") == nullptr);
}

TEST_CASE("codebook model: a save runs on a worker, a refused one says why in sentences, a retired theme is "
          "counted",
          "[viewmodels][codebook]") {
    test::TempDir dir;
    auto vault = newVault(dir / "codebook.tessera");
    CodebookModel model;
    model.waitForRead(vault, "");
    const auto before = model.themes().size();

    core::Theme bad;
    bad.key = "Not A Key!";
    bad.label = "Bad key";
    bad.category = core::ThemeCategory::Barrier;
    bad.colour = "#336699";
    REQUIRE(model.save(vault, bad));
    const auto problems = saved(model);
    REQUIRE_FALSE(problems.empty());
    for (const auto& problem : problems) {
        CHECK(std::isupper(static_cast<unsigned char>(problem.front())) != 0);
        CHECK(problem.back() == '.');
    }
    CHECK(vault.codebook().themes().size() == before); // nothing stored

    core::Theme housing = bad;
    housing.key = "housing";
    housing.label = "Housing";
    REQUIRE(model.save(vault, housing));
    CHECK(saved(model).empty());
    model.waitForRead(vault, "");
    CHECK(model.themes().size() == before + 1);
    REQUIRE(model.find("housing") != nullptr);

    housing.retired = true;
    REQUIRE(model.save(vault, housing));
    CHECK(saved(model).empty());
    model.waitForRead(vault, "");
    CHECK(model.retiredCount() == 1);
    CHECK(model.find("housing")->retired);
}

TEST_CASE("templates model: versions grouped by name, oldest first, families by the newest label",
          "[viewmodels][templates]") {
    const auto make = [](std::string name, int version, std::string label) {
        core::NoteTemplate tmpl;
        tmpl.name = std::move(name);
        tmpl.version = version;
        tmpl.label = std::move(label);
        return tmpl;
    };
    const auto families = TemplatesModel::families({make("soap", 2, "SOAP note"), make("dap", 1, "DAP"),
                                                    make("soap", 1, "Zzz old label"), make("birp", 1, "BIRP")});
    REQUIRE(families.size() == 3);
    CHECK(families[0].name == "birp");
    CHECK(families[1].name == "dap");
    CHECK(families[2].name == "soap"); // by its newest label, "SOAP note", not its first
    REQUIRE(families[2].versions.size() == 2);
    CHECK(families[2].versions[0].version == 1);
    CHECK(families[2].newest().version == 2);
    CHECK(families[2].version(1).label == "Zzz old label");
    CHECK(families[2].version(0).version == 2); // 0 and unknown versions: the newest
    CHECK(families[2].version(7).version == 2);
}

TEST_CASE("templates model: a new version is saved on a worker and read back, a refused one names its section",
          "[viewmodels][templates]") {
    test::TempDir dir;
    auto vault = newVault(dir / "templates.tessera");
    TemplatesModel model;
    model.waitForRead(vault);
    const auto* dap = model.family("dap");
    REQUIRE(dap != nullptr);
    REQUIRE(dap->versions.size() == 1);

    auto next = dap->newest();
    next.sections.push_back({"risk", "Risk", "Any risk to the client or others."});
    REQUIRE(model.save(vault, next));
    const auto stored = saved(model);
    REQUIRE(stored.stored.has_value());
    CHECK(stored.stored->version == 2);
    CHECK(stored.problems.empty());
    model.waitForRead(vault);
    REQUIRE(model.family("dap") != nullptr);
    CHECK(model.family("dap")->versions.size() == 2);
    CHECK(model.family("dap")->newest().findSection("risk") != nullptr);

    auto bad = model.family("dap")->newest();
    bad.sections.push_back({"Bad Key!", "Bad", ""});
    REQUIRE(model.save(vault, bad));
    const auto refused = saved(model);
    CHECK_FALSE(refused.stored.has_value());
    REQUIRE_FALSE(refused.problems.empty());
    const auto section = "Section " + std::to_string(bad.sections.size()) + ": ";
    CHECK(std::any_of(refused.problems.begin(), refused.problems.end(),
                      [&](const std::string& problem) { return problem.rfind(section, 0) == 0; }));
    model.waitForRead(vault);
    CHECK(model.family("dap")->versions.size() == 2); // nothing stored
}
