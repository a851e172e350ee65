// The background task facility, without a window: latches and promises order the threads, so
// nothing here depends on how fast the machine is.

#include "viewmodels/task.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <latch>
#include <stdexcept>
#include <string>

using tessera::app::Task;
using tessera::app::TaskControl;

TEST_CASE("a task runs on a worker and hands its result to the polling thread once", "[viewmodels][task]") {
    Task<int> task;
    CHECK_FALSE(task.isRunning());
    CHECK_FALSE(task.poll().has_value());
    std::promise<void> release;
    auto released = release.get_future();
    std::latch started{1};
    REQUIRE(task.start([&](TaskControl& control) {
        control.setProgress(0.5f);
        started.count_down();
        released.wait();
        return 42;
    }));
    started.wait();
    CHECK(task.isRunning());
    CHECK(task.progress() == 0.5f);
    CHECK_FALSE(task.poll().has_value());                    // still working: the UI thread goes on drawing
    CHECK_FALSE(task.start([](TaskControl&) { return 0; })); // one at a time
    release.set_value();
    task.wait();
    CHECK(task.isRunning()); // finished, but its result has not been taken yet
    const auto outcome = task.poll();
    REQUIRE(outcome.has_value());
    CHECK(outcome->succeeded());
    CHECK(*outcome->value == 42);
    CHECK(outcome->error.empty());
    CHECK_FALSE(outcome->cancelled);
    CHECK_FALSE(task.isRunning());
    CHECK_FALSE(task.poll().has_value());
    // And it can run again.
    REQUIRE(task.start([](TaskControl&) { return 7; }));
    task.wait();
    CHECK(*task.poll()->value == 7);
}

TEST_CASE("an exception in the work becomes the outcome's error", "[viewmodels][task]") {
    Task<std::string> task;
    REQUIRE(task.start([](TaskControl&) -> std::string { throw std::runtime_error("The disk is full."); }));
    task.wait();
    const auto outcome = task.poll();
    REQUIRE(outcome.has_value());
    CHECK_FALSE(outcome->succeeded());
    CHECK(outcome->error == "The disk is full.");
}

TEST_CASE("cancel asks the work to stop - destroying a task waits for its worker", "[viewmodels][task]") {
    std::latch started{1};
    int finished = 0;
    {
        Task<int> task;
        REQUIRE(task.start([&](TaskControl& control) {
            started.count_down();
            while (!control.cancelled()) {
                std::this_thread::yield();
            }
            finished = 1;
            return -1;
        }));
        started.wait();
        SECTION("cancel, then poll") {
            task.cancel();
            task.wait();
            const auto outcome = task.poll();
            REQUIRE(outcome.has_value());
            CHECK(outcome->cancelled);
            CHECK(finished == 1);
        }
        SECTION("destroyed while working") {
            // The destructor cancels and joins: `finished` is written before it returns.
        }
    }
    CHECK(finished == 1);
}
