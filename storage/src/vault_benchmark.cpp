// Unencrypted vaults, for the benchmark only (tests/bench): the same schema, codebook,
// templates, connection settings and member functions as a real vault, without the cipher, so
// that tessera-bench can state what encryption costs. Nothing else calls these functions.

#include "audit.hpp"
#include "rows.hpp"
#include "schema.hpp"
#include "vault_impl.hpp"

#include "tessera/core/codebook.hpp"

namespace tessera::storage {
namespace {

// The connection settings of a real vault, so that the comparison measures the cipher and
// nothing else.
void configurePlainConnection(SQLite::Database& db) {
    db.exec("PRAGMA journal_mode = WAL");
    detail::configureConnection(db);
}

} // namespace

Vault Vault::createUnencryptedForBenchmark(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
        throw VaultError(VaultError::Kind::AlreadyExists, "A file already exists at " + path.string() + ".");
    }
    detail::guarded("creating an unencrypted benchmark vault", [&] {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        configurePlainConnection(db);
        detail::WriteTransaction transaction(db);
        detail::migrate(db, 0, kSchemaVersion);
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        detail::appendAudit(db, audit_event::kVaultCreated, "format " + std::to_string(kSchemaVersion));
        const auto codebook = core::defaultCodebook();
        for (std::size_t i = 0; i < codebook.themes().size(); ++i) {
            detail::insertTheme(db, codebook.themes()[i], static_cast<int>(i));
        }
        for (const auto& tmpl : core::defaultTemplates()) {
            detail::insertTemplate(db, tmpl);
        }
        transaction.commit();
    });
    return openUnencryptedForBenchmark(path);
}

Vault Vault::openUnencryptedForBenchmark(const std::filesystem::path& path) {
    if (!std::filesystem::is_regular_file(path)) {
        throw VaultError(VaultError::Kind::NotFound, "There is no benchmark vault at " + path.string() + ".");
    }
    auto impl = std::make_unique<Impl>();
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
    return Vault(std::move(impl));
}

} // namespace tessera::storage
