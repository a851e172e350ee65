#pragma once

#include <stdexcept>
#include <string>

namespace tessera::storage {

// What went wrong with a vault, in terms a person can act on. The message says what happened
// and what to do; front ends show it as it is (the CLI maps the kind to its exit code).
class VaultError : public std::runtime_error {
public:
    enum class Kind {
        NotFound,        // no file at the path
        AlreadyExists,   // creating a vault where a file already is
        WrongPassphrase, // the passphrase does not open the file
        NotAVault,       // the file is something else (plain SQLite, text, another app's database)
        Damaged,         // the file is a vault but some of it cannot be read
        TooNew,          // written by a newer Tessera with a schema this one does not know
        Busy,            // another Tessera process has the vault open
        DiskFull,        // the disk ran out of space; nothing was written
        Refused,         // the change is not allowed (e.g. editing a signed note)
        Io,              // the operating system refused a read or write
    };

    VaultError(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    [[nodiscard]] Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

[[nodiscard]] const char* toString(VaultError::Kind kind);

} // namespace tessera::storage
