// The heap of the desktop app and of tessera-cli is wiped as it is freed (issue 13, item 2):
// every C++ allocation (view-models, drafts, search results, previews, the CLI's export and
// summaries, every std::string of a note or a name) is zeroed by these replacements of the
// global operator delete before the memory goes back to malloc, and ImGui's own allocations by
// the functions Platform gives it. So once the workspace is destroyed on lock, or a command has
// used a note, what it held is not left readable in freed heap (a core dump, a swap page,
// another process reading /proc/PID/mem as the same user). Memory that C libraries free with
// free() (stdio buffers, GLFW's clipboard copy, cairo and pango) is not covered.
//
// Replacing operator delete is allowed to a program ([replacement.functions]); operator new is
// left as it is (malloc), which malloc_usable_size understands.

#include "platform/secure_heap.hpp"

#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <new>

namespace tessera::app {

void wipeAndFree(void* block) noexcept {
    if (block != nullptr) {
        explicit_bzero(block, malloc_usable_size(block));
        std::free(block);
    }
}

void* allocateForImGui(std::size_t bytes, void* /*userData*/) {
    return std::malloc(bytes);
}

void freeForImGui(void* block, void* /*userData*/) {
    wipeAndFree(block);
}

} // namespace tessera::app

// AddressSanitizer (the asan preset) owns operator new and delete and would report
// memory from its operator new released with free() as a mismatch; it quarantines freed memory
// itself. TESSERA_ADDRESS_SANITIZER comes from cmake/TesseraCompilerSettings.cmake.
#if !defined(TESSERA_ADDRESS_SANITIZER)
void operator delete(void* block) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete[](void* block) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete(void* block, std::size_t /*size*/) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete[](void* block, std::size_t /*size*/) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete(void* block, const std::nothrow_t& /*tag*/) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete[](void* block, const std::nothrow_t& /*tag*/) noexcept {
    tessera::app::wipeAndFree(block);
}
// Over-aligned blocks come from aligned_alloc, which free() releases as well.
void operator delete(void* block, std::align_val_t /*alignment*/) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete[](void* block, std::align_val_t /*alignment*/) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete(void* block, std::size_t /*size*/, std::align_val_t /*alignment*/) noexcept {
    tessera::app::wipeAndFree(block);
}
void operator delete[](void* block, std::size_t /*size*/, std::align_val_t /*alignment*/) noexcept {
    tessera::app::wipeAndFree(block);
}
#endif
