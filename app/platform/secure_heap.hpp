#pragma once

// Freed memory of the desktop app and the CLI is zeroed first (secure_heap.cpp replaces
// operator delete; both link it).

#include <cstddef>

namespace tessera::app {

// Zeroes the whole malloc block, then frees it.
void wipeAndFree(void* block) noexcept;

// ImGui's allocator (ImGui::SetAllocatorFunctions, before its context is created).
void* allocateForImGui(std::size_t bytes, void* userData);
void freeForImGui(void* block, void* userData);

} // namespace tessera::app
