#include "passphrase_input.hpp"

#include "cli_errors.hpp"

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <termios.h>
#include <unistd.h>

namespace tessera::cli {
namespace {

// Reads one line from the controlling terminal with echo off. nullopt when there is no terminal.
std::optional<storage::Secret> readFromTerminal(const std::string& prompt) {
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0) {
        return std::nullopt;
    }
    termios original{};
    const bool isTerminal = ::tcgetattr(tty, &original) == 0;
    if (!isTerminal) {
        ::close(tty);
        return std::nullopt;
    }
    termios silent = original;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    silent.c_lflag |= static_cast<tcflag_t>(ECHONL);
    (void)::write(tty, prompt.data(), prompt.size());
    ::tcsetattr(tty, TCSAFLUSH, &silent);
    storage::Secret secret;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r') {
        secret.append(c);
    }
    c = 0;
    ::tcsetattr(tty, TCSAFLUSH, &original);
    ::close(tty);
    return secret;
}

storage::Secret readFromFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError("Cannot read the passphrase file " + path.string() + ".");
    }
    storage::Secret secret;
    char c = 0;
    // The passphrase is the first line, without its line ending.
    while (in.get(c) && c != '\n' && c != '\r') {
        secret.append(c);
    }
    c = 0;
    return secret;
}

} // namespace

storage::Secret obtainPassphrase(const PassphraseSource& source, const std::string& prompt, bool confirm) {
    if (const char* value = std::getenv(source.environmentVariable); value != nullptr && *value != '\0') {
        return storage::Secret{value};
    }
    if (source.file) {
        auto secret = readFromFile(*source.file);
        if (secret.empty()) {
            throw UsageError("The passphrase file " + source.file->string() + " is empty.");
        }
        return secret;
    }
    auto first = readFromTerminal(prompt + ": ");
    if (!first) {
        throw UsageError(std::string{"No passphrase given and no terminal to ask on. Set "} +
                         source.environmentVariable + " or use --passphrase-file FILE.");
    }
    if (confirm) {
        const auto second = readFromTerminal("Repeat it: ");
        if (!second || !(*second == *first)) {
            throw UsageError("The two passphrases differ. Nothing was changed; try again.");
        }
    }
    return std::move(*first);
}

void checkNewPassphrase(const storage::Secret& passphrase) {
    if (passphrase.size() < kMinimumPassphraseLength) {
        throw UsageError("A vault passphrase needs at least " + std::to_string(kMinimumPassphraseLength) +
                         " characters; a few unrelated words are best. It cannot be recovered if forgotten.");
    }
}

} // namespace tessera::cli
