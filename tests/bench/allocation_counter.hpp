#pragma once

// How many heap allocations a piece of work makes: the benchmark replaces the global operator new
// (allocation_counter.cpp) with one that counts, so that a figure can say how many objects a query
// builds (issue 14: "the caseload overview builds 168,000 objects"), not only how long it takes.

#include <cstdint>

namespace tessera::bench {

// Every operator new (plain, array, nothrow) of every thread since the program started.
[[nodiscard]] std::uint64_t allocationsSoFar();

// The allocations `work` makes, on this thread and any other running meanwhile.
template <typename Work> [[nodiscard]] std::uint64_t countAllocations(Work&& work) {
    const auto before = allocationsSoFar();
    work();
    return allocationsSoFar() - before;
}

} // namespace tessera::bench
