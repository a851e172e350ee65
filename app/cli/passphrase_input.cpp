#include "passphrase_input.hpp"

#include "cli_errors.hpp"

#include "tessera/storage/passphrase_strength.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
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
    // A prompt that cannot be written changes nothing: the passphrase is still read. (GCC's
    // warn_unused_result, on with _FORTIFY_SOURCE in the release build, ignores a (void) cast.)
    if (::write(tty, prompt.data(), prompt.size()) < 0) {
        // nothing to do
    }
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
    // Read with read(2) into a small buffer that is wiped afterwards: a std::ifstream would keep
    // the file's first block (the passphrase) in a buffer freed without being wiped.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw UsageError("Cannot read the passphrase file " + path.string() + ".");
    }
    // As ssh does with private keys: a passphrase that others can read protects nothing.
    struct stat info {};
    if (::fstat(fd, &info) != 0 || (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        char mode[8] = {};
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        throw UsageError(std::string{"Permissions "} + mode + " for the passphrase file " + path.string() +
                         " are too open: others could read it. It must be readable by its owner only; "
                         "run 'chmod 600 " +
                         path.string() + "' and try again.");
    }
    storage::Secret secret;
    std::array<char, 256> chunk{};
    bool lineEnded = false;
    while (!lineEnded) {
        const auto n = ::read(fd, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        // The passphrase is the first line, without its line ending.
        for (std::size_t i = 0; i < static_cast<std::size_t>(n) && !lineEnded; ++i) {
            lineEnded = chunk[i] == '\n' || chunk[i] == '\r';
            if (!lineEnded) {
                secret.append(chunk[i]);
            }
        }
    }
    storage::wipe(chunk.data(), chunk.size());
    ::close(fd);
    return secret;
}

} // namespace

storage::Secret obtainPassphrase(const PassphraseSource& source, const std::string& prompt, bool confirm) {
    if (char* value = std::getenv(source.environmentVariable); value != nullptr && *value != '\0') {
        storage::Secret secret{value};
        // The variable's text ("NAME=value") lies in this process's memory, and the initial
        // environment is what /proc/PID/environ shows for as long as the process runs: remove the
        // variable, then overwrite the whole entry, name included, now that the Secret holds the
        // only copy. (Each command reads each variable once. Others than root cannot read that
        // file at all: hardenProcess made the process not dumpable.)
        const std::size_t nameLength = std::strlen(source.environmentVariable);
        char* entry = value - nameLength - 1;
        const std::size_t entryLength = nameLength + 1 + std::strlen(value);
        ::unsetenv(source.environmentVariable);
        storage::wipe(entry, entryLength);
        return secret;
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

void checkNewPassphrase(const storage::Secret& passphrase, const std::filesystem::path& vault) {
    const auto strength = storage::estimatePassphraseStrength(passphrase.view(), vault);
    if (!strength.acceptable) {
        throw UsageError("The new passphrase is " + strength.reason + ". A vault needs a passphrase rated " +
                         std::to_string(storage::kMinimumPassphraseScore) +
                         " of 4 or better (this one: " + std::to_string(strength.score) + " of 4, " + strength.label +
                         "): it is the vault's only protection, and it cannot be recovered if forgotten. Nothing "
                         "was changed.");
    }
}

} // namespace tessera::cli
