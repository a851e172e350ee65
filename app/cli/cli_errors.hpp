#pragma once

#include <stdexcept>
#include <string>

namespace tessera::cli {

// A mistake in how the command was called or in what it was given: exit code 1.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A file outside the vault (an export) could not be written: exit code 5.
class IoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Exit codes, documented in docs/cli.md.
enum ExitCode : int {
    kExitOk = 0,
    kExitUsage = 1,      // usage or invalid input
    kExitCannotOpen = 2, // wrong passphrase, not a Tessera vault, no vault, too new
    kExitDamaged = 3,    // damaged vault (or verify found a problem)
    kExitBusy = 4,       // the vault is open in another process
    kExitIo = 5,         // the disk is full or refused a write; nothing was changed
};

} // namespace tessera::cli
