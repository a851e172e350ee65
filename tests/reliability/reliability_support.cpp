#include "reliability_support.hpp"

#include "note_content.hpp"

#include "tessera/core/interchange.hpp"

#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

namespace tessera::test {

CrashSettings crashSettings() {
    CrashSettings settings;
    if (const char* kills = std::getenv("TESSERA_CRASH_KILLS"); kills != nullptr && *kills != '\0') {
        settings.kills = std::max(1, std::atoi(kills));
    }
    if (const char* seed = std::getenv("TESSERA_CRASH_SEED"); seed != nullptr && *seed != '\0') {
        settings.seed = std::strtoull(seed, nullptr, 10);
    } else {
        std::random_device random;
        settings.seed = (static_cast<std::uint64_t>(random()) << 32) ^ random();
    }
    return settings;
}

void restoreVault(const std::filesystem::path& from, const std::filesystem::path& to) {
    for (const char* suffix : {"-wal", "-shm"}) {
        std::filesystem::remove(to.string() + suffix);
    }
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

std::string contentOf(const storage::Vault& vault) {
    return core::writeCaseload(vault.exportCaseload());
}

void sleepFor(std::chrono::milliseconds ms) {
    std::this_thread::sleep_for(ms);
}

std::string fingerprint(const std::filesystem::path& path) {
    ContentHash hash;
    hash.add(readFile(path));
    return std::to_string(std::filesystem::file_size(path)) + " bytes, " + hash.hex();
}

} // namespace tessera::test
