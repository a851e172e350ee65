#pragma once

// How hard a new vault passphrase is to guess, estimated with zxcvbn (the estimator KeePassXC
// uses), and the rule both front ends apply when a vault is created or its passphrase changed.
// Vault::create and Vault::changePassphrase themselves take any non-empty passphrase: the policy
// lives in the front ends (tessera-cli init and passphrase, the app's create screen), which call
// this. See docs/reliability.md, "Weak passphrases are refused".

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace tessera::storage {

// zxcvbn's scale: 0 too guessable (< 10^3 guesses), 1 very guessable (< 10^6), 2 somewhat
// guessable (< 10^8), 3 safely unguessable (< 10^10), 4 very unguessable. A new passphrase needs 3:
// with the vault's key derivation (0.1-0.3 s of CPU per guess) 10^8 guesses are decades of one
// computer's time.
inline constexpr int kMinimumPassphraseScore = 3;
// Counted in characters (UTF-8 code points), not bytes.
inline constexpr std::size_t kMinimumPassphraseCharacters = 8;

struct PassphraseStrength {
    int score = 0;             // 0-4
    double guessesLog10 = 0.0; // zxcvbn's estimate of the guesses needed, as a power of ten
    std::size_t characters = 0;
    bool acceptable = false; // at least kMinimumPassphraseCharacters and kMinimumPassphraseScore
    std::string label;       // "very weak", "weak", "fair", "strong", "very strong"
    // Why it is not acceptable, with what to do: "too guessable: a common word with digits; add
    // another word or two". Empty when acceptable.
    std::string reason;
};

// `vault` is the vault's path: its file name counts as a word an attacker would try first, as do
// "tessera" and "vault".
[[nodiscard]] PassphraseStrength estimatePassphraseStrength(std::string_view passphrase,
                                                            const std::filesystem::path& vault);

// The number of UTF-8 code points in `text` (bytes that do not start a code point are not counted).
[[nodiscard]] std::size_t countCharacters(std::string_view text);

} // namespace tessera::storage
