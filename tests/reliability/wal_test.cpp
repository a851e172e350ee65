// A vault whose write-ahead log (-wal) was left by a process that was killed, then lost or
// damaged. What Tessera does (docs/vault.md, "The write-ahead log"):
//  - intact: the committed changes in it are recovered on the next opening;
//  - missing: the vault opens as of its last checkpoint; the changes only in the log are lost;
//  - damaged: SQLite checks every frame's checksum and ignores the log from the first frame
//    that fails: changes committed before it are kept, the rest are lost, never half of one;
//  - a frame forged with a valid checksum fails its HMAC when read: refused as damaged.
// Opening never crashes, a refusal never writes, and verify (read-only) never writes either.

#include "child_process.hpp"
#include "note_content.hpp"
#include "reliability_support.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <sstream>

namespace fs = std::filesystem;
using namespace tessera;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

constexpr std::size_t kWalHeader = 32;
constexpr std::size_t kFrame = 24 + 4096;

// What the W-001 notes are, as (id -> hash + signed).
using Notes = std::map<std::int64_t, std::pair<std::string, bool>>;

Notes notesOf(const fs::path& path) {
    const auto vault = storage::Vault::open(path, test::vaultPassphrase());
    REQUIRE(vault.verify().ok);
    Notes notes;
    const auto client = vault.findClient("W-001");
    REQUIRE(client.has_value());
    for (const auto& session : vault.clientRecord(client->id).sessions) {
        notes[session.id.value] = {test::contentHash(session), session.isSigned()};
    }
    return notes;
}

// A vault and the -wal and -shm a killed writer left: every write acknowledged, none checkpointed.
struct LeftBehind {
    test::TempDir dir;
    fs::path vault = dir / "v.tessera";
    std::string mainBytes;
    std::string walBytes;
    std::string shmBytes;
    // The W-001 notes after each acknowledged write: states[0] before the writer ran.
    std::vector<Notes> states;

    LeftBehind() {
        {
            auto created = storage::Vault::create(vault, test::vaultPassphrase());
            (void)created.importCaseload(test::demoDocument(2, 6));
            (void)created.addClient({{}, "W-001", "", {}});
        }
        const auto before = test::readFile(vault);
        states.push_back({});
        test::Child writer(test::kCrashWriter,
                           {"--vault", vault.string(), "--client", "W-001", "--seed", "5", "--ops", "14", "--hold"},
                           {{{"TESSERA_PASSPHRASE", test::kPassphrase}}, std::nullopt});
        while (const auto line = writer.readLine(20s)) {
            std::istringstream words(*line);
            std::string kind;
            words >> kind;
            if (kind == "ack") {
                std::int64_t id = 0;
                std::string hash;
                std::string state;
                words >> id >> hash >> state;
                auto next = states.back();
                next[id] = {hash, state == "signed"};
                states.push_back(std::move(next));
            } else if (kind == "done") {
                break;
            }
        }
        writer.kill();
        REQUIRE(writer.wait() == 128 + SIGKILL);
        REQUIRE(states.size() == 15);
        mainBytes = test::readFile(vault);
        // Nothing was checkpointed: every change of the writer is in the log only.
        REQUIRE(mainBytes == before);
        walBytes = test::readFile(vault.string() + "-wal");
        shmBytes = test::readFile(vault.string() + "-shm");
        REQUIRE(walBytes.size() > kWalHeader + 20 * kFrame);
    }

    // Puts the three files back as the killed writer left them, with `wal` as the log (none
    // when nullopt) and with or without the -shm.
    void restore(const std::optional<std::string>& wal, bool withShm = true) const {
        test::writeFile(vault, mainBytes);
        fs::remove(vault.string() + "-wal");
        fs::remove(vault.string() + "-shm");
        if (wal) {
            test::writeFile(vault.string() + "-wal", *wal);
        }
        if (withShm) {
            test::writeFile(vault.string() + "-shm", shmBytes);
        }
    }

    [[nodiscard]] test::RunResult cli(const std::string& command, const std::string& secret = test::kPassphrase) const {
        return test::run(test::kCli, {"--vault", vault.string(), command}, {{"TESSERA_PASSPHRASE", secret}});
    }

    // verify reads the vault without writing anything: not the vault, not its log.
    void verifyWritesNothing(int expectedExit) const {
        const auto wal = fs::exists(vault.string() + "-wal") ? test::readFile(vault.string() + "-wal") : "";
        const auto result = cli("verify");
        INFO(result.err << result.out);
        CHECK(result.exitCode == expectedExit);
        CHECK(test::readFile(vault) == mainBytes);
        CHECK((fs::exists(vault.string() + "-wal") ? test::readFile(vault.string() + "-wal") : "") == wal);
    }

    // Index of the state the vault holds now, or -1.
    [[nodiscard]] int stateNow() const {
        const auto notes = notesOf(vault);
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (states[i] == notes) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }
};

// Frame i (0-based) of the log starts here.
std::size_t frameAt(std::size_t i) {
    return kWalHeader + i * kFrame;
}

std::uint32_t get32(const std::string& bytes, std::size_t at, bool bigEndian) {
    std::uint32_t value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
        const auto byte = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + k]));
        value |= bigEndian ? byte << (8 * (3 - k)) : byte << (8 * k);
    }
    return value;
}

void put32BigEndian(std::string& bytes, std::size_t at, std::uint32_t value) {
    for (std::size_t k = 0; k < 4; ++k) {
        bytes[at + k] = static_cast<char>((value >> (8 * (3 - k))) & 0xFF);
    }
}

// Recomputes the checksum chain of every frame from `first` on, as SQLite's walChecksumBytes
// does, so that a changed frame passes SQLite's own check: what a deliberate forger would do.
void reseal(std::string& wal, std::size_t first) {
    const bool bigEndian = (get32(wal, 0, true) & 1U) != 0;
    std::uint32_t s0 = first == 0 ? get32(wal, 24, true) : get32(wal, frameAt(first - 1) + 16, true);
    std::uint32_t s1 = first == 0 ? get32(wal, 28, true) : get32(wal, frameAt(first - 1) + 20, true);
    const auto sum = [&](std::size_t from, std::size_t length) {
        for (std::size_t at = from; at < from + length; at += 8) {
            s0 += get32(wal, at, bigEndian) + s1;
            s1 += get32(wal, at + 4, bigEndian) + s0;
        }
    };
    for (std::size_t i = first; frameAt(i) + kFrame <= wal.size(); ++i) {
        sum(frameAt(i), 8);
        sum(frameAt(i) + 24, 4096);
        put32BigEndian(wal, frameAt(i) + 16, s0);
        put32BigEndian(wal, frameAt(i) + 20, s1);
    }
}

} // namespace

TEST_CASE("WAL left by a killed writer: recovered in full on the next opening", "[wal]") {
    const LeftBehind left;
    left.restore(left.walBytes);
    left.verifyWritesNothing(0); // read-only: the log stays for the next writer
    left.restore(left.walBytes);
    CHECK(left.stateNow() == 14); // every acknowledged write
}

TEST_CASE("WAL missing: the vault opens as of its last checkpoint", "[wal]") {
    const LeftBehind left;
    SECTION("the -wal and the -shm deleted") {
        left.restore(std::nullopt, false);
    }
    SECTION("only the -wal deleted; the stale -shm still claims its frames") {
        left.restore(std::nullopt, true);
    }
    left.verifyWritesNothing(0);
    CHECK(left.stateNow() == 0); // what was only in the log is lost; nothing else
}

TEST_CASE("WAL damaged: changes committed before the damaged frame are kept, none after", "[wal]") {
    const LeftBehind left;
    const auto frames = (left.walBytes.size() - kWalHeader) / kFrame;
    test::SplitMix random(0xDA3A6EULL);
    auto wal = left.walBytes;
    int expectedAtMost = 14;
    SECTION("a flipped byte in a frame in the middle of the log") {
        const auto frame = frames / 2;
        wal[frameAt(frame) + 24 + random.below(4096)] ^= 0x10;
        expectedAtMost = 13;
    }
    SECTION("a flipped byte in a frame header") {
        wal[frameAt(frames / 3) + random.below(24)] ^= 0x01;
        expectedAtMost = 13;
    }
    SECTION("the log cut in the middle of a frame") {
        wal.resize(frameAt(frames * 2 / 3) + 1000);
        expectedAtMost = 13;
    }
    SECTION("a flipped byte in the log's header: the whole log is ignored") {
        wal[8 + random.below(24)] ^= 0x01;
        expectedAtMost = 0;
    }
    left.restore(wal);
    left.verifyWritesNothing(0);
    left.restore(wal);
    const auto state = left.stateNow();
    CHECK(state >= 0); // exactly the state after some acknowledged write: never half of one
    CHECK(state <= expectedAtMost);
    if (expectedAtMost == 0) {
        CHECK(state == 0);
    }
}

TEST_CASE("WAL frame forged with a valid checksum: its HMAC fails, the vault is refused untouched", "[wal]") {
    const LeftBehind left;
    const auto frames = (left.walBytes.size() - kWalHeader) / kFrame;
    auto wal = left.walBytes;
    // Change the encrypted page in the last frame that holds page 1 (a page always read; a frame
    // may also hold a free page, which nothing reads) and recompute the checksums: SQLite accepts
    // the frame, the page's HMAC does not.
    std::size_t frame = frames;
    for (std::size_t i = 0; i < frames; ++i) {
        if (get32(wal, frameAt(i), true) == 1) {
            frame = i;
        }
    }
    REQUIRE(frame < frames);
    wal[frameAt(frame) + 24 + 700] ^= 0x40;
    reseal(wal, frame);
    left.restore(wal);
    const auto result = left.cli("clients");
    INFO(result.err);
    CHECK(result.exitCode == 3);
    CHECK_THAT(result.err, Contains("damaged"));
    CHECK(test::readFile(left.vault) == left.mainBytes);
    CHECK(test::readFile(left.vault.string() + "-wal") == wal);
    // verify (read-only) lists it, and writes nothing either.
    left.verifyWritesNothing(3);
    // Control: the same frame resealed without the change is accepted.
    auto honest = left.walBytes;
    reseal(honest, 0);
    CHECK(honest == left.walBytes);
}

TEST_CASE("WAL pending and a wrong passphrase: refused, the vault and its log untouched", "[wal]") {
    const LeftBehind left;
    left.restore(left.walBytes);
    const auto result = left.cli("clients", "not the right passphrase");
    CHECK(result.exitCode == 2);
    CHECK_THAT(result.err, Contains("passphrase does not open"));
    CHECK(test::readFile(left.vault) == left.mainBytes);
    CHECK(test::readFile(left.vault.string() + "-wal") == left.walBytes);
    CHECK(left.stateNow() == 14);
}
