// The passphrase rule of both front ends (issue 13, item 7): zxcvbn's estimate with the vault's
// file name, "tessera" and "vault" as words an attacker tries first; length in characters.

#include "tessera/storage/passphrase_strength.hpp"

#include <catch2/catch.hpp>

using namespace tessera;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

storage::PassphraseStrength strength(const std::string& passphrase, const char* vault = "/home/k/clinic.tessera") {
    return storage::estimatePassphraseStrength(passphrase, vault);
}

} // namespace

TEST_CASE("passphrases the issue found accepted are refused, each with the reason", "[passphrase-strength]") {
    const auto [passphrase, why] = GENERATE(table<std::string, std::string>({
        {"12345678", "a common word"},
        {"aaaaaaaa", "repeated characters"},
        {"password1", "a common word with digits"},
        {std::string(26, 'a'), "repeated characters"},
        {std::string(8, ' '), "repeated characters"},
        {"zxcvbnm,./", "a keyboard pattern"},
        {"abcdefghij", "a sequence"},
    }));
    CAPTURE(passphrase);
    const auto estimate = strength(passphrase);
    CHECK_FALSE(estimate.acceptable);
    CHECK(estimate.score < storage::kMinimumPassphraseScore);
    CHECK_THAT(estimate.reason, StartsWith("too guessable: ") && Contains(why) && Contains("add another word or two"));
    CHECK((estimate.label == "very weak" || estimate.label == "weak" || estimate.label == "fair"));
}

TEST_CASE("a few unrelated words pass, and the score follows zxcvbn's scale", "[passphrase-strength]") {
    for (const char* passphrase :
         {"correct horse battery staple", "river stone lantern", "a new passphrase of five words"}) {
        CAPTURE(passphrase);
        const auto estimate = strength(passphrase);
        CHECK(estimate.acceptable);
        CHECK(estimate.reason.empty());
        CHECK(estimate.score >= storage::kMinimumPassphraseScore);
        CHECK(estimate.guessesLog10 >= 8.0);
    }
    CHECK(strength("Correct horse battery staple 42!").score == 4);
    CHECK(strength("Correct horse battery staple 42!").label == "very strong");
}

TEST_CASE("the vault's name, 'tessera' and 'vault' count as guessable words", "[passphrase-strength]") {
    // Strong enough for another vault; not for the vault it names.
    CHECK(strength("hollybrook2026", "/data/other.tessera").acceptable);
    const auto named = strength("hollybrook2026", "/data/hollybrook.tessera");
    CHECK_FALSE(named.acceptable);
    CHECK_THAT(named.reason, Contains("the vault's name"));
    const auto words = strength("tesseravault", "/data/other.tessera");
    CHECK_FALSE(words.acceptable);
    CHECK_THAT(words.reason, Contains("\"tessera\" or \"vault\""));
}

TEST_CASE("length is counted in characters, not bytes", "[passphrase-strength]") {
    CHECK(storage::countCharacters("") == 0);
    CHECK(storage::countCharacters("abc") == 3);
    CHECK(storage::countCharacters("\xE5\xAF\x86\xE7\xA0\x81\xE3\x81\xA0") == 3); // 9 bytes
    CHECK(storage::countCharacters("caf\xC3\xA9") == 4);
    const auto japanese = strength("\xE5\xAF\x86\xE7\xA0\x81\xE3\x81\xA0");
    CHECK_FALSE(japanese.acceptable);
    CHECK(japanese.characters == 3);
    CHECK_THAT(japanese.reason, StartsWith("too short: 3 characters, at least 8"));
    CHECK_THAT(strength("seven77").reason, StartsWith("too short: 7 characters"));
}
