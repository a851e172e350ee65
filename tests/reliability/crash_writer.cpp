// tessera-crash-writer: the child process of the crash tests (tests/reliability/crash_test.cpp).
//
// Opens a vault and writes notes through the same storage commands the app uses (createSession,
// saveDraft — the autosave —, signSession, addAddendum), one after another, until it is killed.
// Around each call it prints a line on stdout:
//
//   ready                              the vault is open and its page check has passed
//   begin create                       a new draft is about to be created
//   begin <id> <hash> <draft|signed>   the note is about to become this
//   ack <id> <hash> <draft|signed>     ... and the call has returned: it is on disk
//
// <hash> is the note's content hash (note_content.hpp). The test kills this process at random
// moments and then checks that every acknowledged note is in the vault exactly as acknowledged
// (or as the one write that had begun but not been acknowledged).
//
//   tessera-crash-writer --vault PATH --client CODE [--seed N] [--ops N] [--marker TEXT] [--hold]
//   tessera-crash-writer --vault PATH --hold      open the vault, print ready, wait for EOF on stdin
//
// --ops N stops after N writes and prints "done"; with --hold it then keeps the vault open until
// stdin closes (so the test can kill it at a known point). --marker puts TEXT into every note
// (for the scans that prove no plaintext reaches the disk).
//
// The passphrase comes from $TESSERA_PASSPHRASE.

#include "note_content.hpp"

#include "tessera/storage/vault.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>

namespace {

using namespace tessera;

// One line, written with a single write(2): a killed process leaves whole lines or none.
void say(const std::string& text) {
    const auto line = text + "\n";
    std::size_t done = 0;
    while (done < line.size()) {
        const auto n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
        if (n <= 0) {
            std::_Exit(3);
        }
        done += static_cast<std::size_t>(n);
    }
}

struct Options {
    std::string vault;
    std::string client;
    std::uint64_t seed = 1;
    long ops = -1; // until killed
    bool hold = false;
    std::string marker;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::invalid_argument(arg + " needs a value");
            }
            return argv[++i];
        };
        if (arg == "--vault") {
            options.vault = value();
        } else if (arg == "--client") {
            options.client = value();
        } else if (arg == "--seed") {
            options.seed = std::stoull(value());
        } else if (arg == "--ops") {
            options.ops = std::stol(value());
        } else if (arg == "--hold") {
            options.hold = true;
        } else if (arg == "--marker") {
            options.marker = value();
        } else {
            throw std::invalid_argument("unknown argument " + arg);
        }
    }
    if (options.vault.empty() || (!options.hold && options.client.empty())) {
        throw std::invalid_argument("usage: tessera-crash-writer --vault PATH (--client CODE | --hold)");
    }
    return options;
}

int writeNotes(storage::Vault& vault, const Options& options) {
    const auto client = vault.findClient(options.client);
    if (!client) {
        std::cerr << "no client " << options.client << "\n";
        return 2;
    }
    const auto codebook = vault.codebook();
    test::SplitMix random(options.seed);
    // Carry on with the newest draft a previous (killed) run left, as the app would.
    std::optional<core::Session> draft;
    std::optional<core::SessionId> lastSigned;
    for (const auto& session : vault.clientRecord(client->id).sessions) {
        if (!session.isSigned()) {
            draft = session;
        } else {
            lastSigned = session.id;
        }
    }
    const char* templates[] = {"ambivalence-progress", "dap", "soap", "birp"};
    for (long op = 0; options.ops < 0 || op < options.ops; ++op) {
        const auto roll = random.below(100);
        if (!draft || roll < 12) {
            const auto date = core::Date::parse("2025-01-06")->plusDays(static_cast<long>(random.below(700)));
            say("begin create");
            const auto id = vault.createSession(client->id, date, templates[random.below(4)]);
            draft = vault.session(id);
            say("ack " + std::to_string(id.value) + " " + test::contentHash(*draft) + " draft");
        } else if (roll < 82) {
            auto next = *draft;
            test::fillDraft(next, codebook, random);
            if (!options.marker.empty()) {
                next.psychotherapyNote += " " + options.marker;
                if (!next.sections.empty()) {
                    next.sections.front().text += " " + options.marker;
                }
            }
            const auto hash = test::contentHash(next);
            say("begin " + std::to_string(next.id.value) + " " + hash + " draft");
            vault.saveDraft(next); // the app's autosave
            say("ack " + std::to_string(next.id.value) + " " + hash + " draft");
            draft = std::move(next);
        } else if (roll < 94 || !lastSigned) {
            const auto hash = test::contentHash(*draft);
            say("begin " + std::to_string(draft->id.value) + " " + hash + " signed");
            vault.signSession(draft->id, core::Timestamp::now());
            say("ack " + std::to_string(draft->id.value) + " " + hash + " signed");
            lastSigned = draft->id;
            draft.reset();
        } else {
            auto amended = vault.session(*lastSigned);
            const core::Addendum addendum{core::Timestamp::now(), test::randomText(random, 20, 300)};
            amended.addenda.push_back(addendum);
            const auto hash = test::contentHash(amended);
            say("begin " + std::to_string(amended.id.value) + " " + hash + " signed");
            vault.addAddendum(amended.id, addendum);
            say("ack " + std::to_string(amended.id.value) + " " + hash + " signed");
        }
    }
    say("done");
    return 0;
}

void holdUntilInputCloses() {
    char c = 0;
    while (::read(STDIN_FILENO, &c, 1) > 0) {
    }
}

} // namespace

int main(int argc, char** argv) {
    try {
        const auto options = parse(argc, argv);
        const char* passphrase = std::getenv("TESSERA_PASSPHRASE");
        if (passphrase == nullptr) {
            std::cerr << "TESSERA_PASSPHRASE is not set\n";
            return 2;
        }
        auto vault = storage::Vault::open(options.vault, storage::Secret{passphrase});
        // "ready" once writes go straight through: the first write would otherwise wait for the
        // background page check (a second key derivation), and kills timed from "ready" would
        // land in that wait instead of in the writes, more so the slower the machine.
        vault.awaitPageCheck();
        say("ready");
        if (!options.client.empty()) {
            if (const int status = writeNotes(vault, options); status != 0) {
                return status;
            }
        }
        if (options.hold) {
            // Keep the vault open (and locked) until the test closes our stdin, or kills us.
            holdUntilInputCloses();
            say("released");
        }
        return 0;
    } catch (const storage::VaultError& error) {
        std::cerr << "tessera-crash-writer: " << storage::toString(error.kind()) << ": " << error.what() << "\n";
        return 4;
    } catch (const std::exception& error) {
        std::cerr << "tessera-crash-writer: " << error.what() << "\n";
        return 1;
    }
}
