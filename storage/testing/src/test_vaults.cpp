// The vaults of tessera_storage_testing: an older schema for the migration tests, and an
// unencrypted copy for tessera-bench. Both are made by storage's own creation code
// (vault_create.hpp), so they differ from a real vault only where they are meant to.

#include "tessera/storage/testing.hpp"

#include "schema.hpp"
#include "vault_create.hpp"
#include "vault_impl.hpp"

#include <string>
#include <system_error>
#include <utility>

namespace tessera::storage::testing {
namespace {

// The connection settings of a real vault, so that the comparison measures the cipher and
// nothing else.
void configurePlainConnection(SQLite::Database& db) {
    db.exec("PRAGMA journal_mode = WAL");
    detail::configureConnection(db);
}

} // namespace

void createFileAtSchemaVersion(const std::filesystem::path& path, const Secret& passphrase, int version) {
    detail::createVaultFile(path, passphrase, version);
}

Vault createUnencryptedForBenchmark(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
        throw VaultError(VaultError::Kind::AlreadyExists, "A file already exists at " + path.string() + ".");
    }
    detail::guarded("creating an unencrypted benchmark vault", [&] {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        configurePlainConnection(db);
        detail::WriteTransaction transaction(db);
        detail::fillNewVault(db, kSchemaVersion);
        transaction.commit();
    });
    return openUnencryptedForBenchmark(path);
}

Vault openUnencryptedForBenchmark(const std::filesystem::path& path) {
    if (!std::filesystem::is_regular_file(path)) {
        throw VaultError(VaultError::Kind::NotFound, "There is no benchmark vault at " + path.string() + ".");
    }
    auto impl = std::make_unique<Vault::Impl>();
    impl->path = path;
    impl->lock = detail::FileLock(path);
    detail::guarded("opening an unencrypted benchmark vault", [&] {
        impl->db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE);
        if (detail::readApplicationId(*impl->db) != kApplicationId ||
            detail::readUserVersion(*impl->db) != kSchemaVersion) {
            throw VaultError(VaultError::Kind::NotAVault,
                             path.string() + " is not an unencrypted benchmark vault of this version.");
        }
        configurePlainConnection(*impl->db);
        impl->schemaVersion = kSchemaVersion;
    });
    return Vault::Impl::adopt(std::move(impl));
}

} // namespace tessera::storage::testing
