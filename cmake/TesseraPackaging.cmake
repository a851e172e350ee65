# Packaging: in a configured build directory, `cpack -G DEB` writes tessera_<version>_<arch>.deb
# with what `cmake --install` installs (tessera, tessera-cli, the desktop entry and the icon)
# under /usr. The shared libraries the binaries link (GLFW, libsodium, FreeType, fmt, OpenGL...)
# become Depends through dpkg-shlibdeps. Two are added by hand because they are loaded at run
# time, not linked: libGL.so.1, which GLFW opens itself to create the OpenGL context on X11, and
# the UI font.

set(CPACK_PACKAGE_NAME "tessera")
set(CPACK_PACKAGE_VENDOR "Tessera")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "A local, encrypted journal for psychotherapists' session notes. Notes are written from \
templates and tagged with observed themes, which Tessera follows across sessions. \
De-identified summaries can be exported for clinical supervision. Everything stays in one \
SQLCipher 4 compatible file on this computer, and nothing uses the network.")
set(CPACK_PACKAGE_CONTACT "Tessera maintainers <tessera@localhost>")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "tessera")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgl1, fonts-inter | fonts-noto-core")

set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build/" "/demo-vault/")

include(CPack)
