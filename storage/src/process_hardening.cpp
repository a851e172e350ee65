#include "tessera/storage/process_hardening.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace tessera::storage {

ProcessHardening hardenProcess() {
    ProcessHardening result;
    if (const char* allow = std::getenv(kAllowCoreDumpsVariable); allow != nullptr && std::string_view{allow} == "1") {
        result.warning = std::string{kAllowCoreDumpsVariable} +
                         "=1: core dumps are left on. A crash may write the notes in memory to disk; unset it "
                         "when you have finished debugging.";
        return result;
    }
    const rlimit none{0, 0};
    const bool limited = ::setrlimit(RLIMIT_CORE, &none) == 0;
    const int limitError = errno;
    const bool undumpable = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
    result.coreDumpsDisabled = limited && undumpable;
    if (!result.coreDumpsDisabled) {
        result.warning = std::string{"core dumps could not be turned off ("} +
                         (limited ? "prctl: " + std::string{std::strerror(errno)}
                                  : "setrlimit: " + std::string{std::strerror(limitError)}) +
                         "); a crash may write the notes in memory to disk.";
    }
    return result;
}

} // namespace tessera::storage
