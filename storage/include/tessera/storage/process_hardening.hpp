#pragma once

// Process hardening shared by tessera and tessera-cli: called first thing in main(), before a
// passphrase or a note is in memory. See docs/reliability.md, "No core dump holds a note".

#include <string>

namespace tessera::storage {

// The environment variable that keeps core dumps on, for debugging a crash: set it to 1.
inline constexpr const char* kAllowCoreDumpsVariable = "TESSERA_ALLOW_CORE_DUMPS";

struct ProcessHardening {
    bool coreDumpsDisabled = false;
    // Non-empty when something was left on (core dumps allowed on purpose, or a call failed):
    // the front end says it on stderr.
    std::string warning;
};

// Turns core dumps off for this process: RLIMIT_CORE soft and hard limits 0 (so a crash writes
// no core file, and nothing in the process can raise the limit again) and PR_SET_DUMPABLE 0
// (no core through a pipe handler such as systemd-coredump either, and other processes of the
// same user can no longer attach a debugger or read /proc/PID/mem and /proc/PID/environ).
// With TESSERA_ALLOW_CORE_DUMPS=1 it changes nothing and returns a warning.
[[nodiscard]] ProcessHardening hardenProcess();

} // namespace tessera::storage
