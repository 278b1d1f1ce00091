# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Packages: two .debs from one install tree (component `console` -> vigil-console, component `server`
# -> vigil-server with vigil-cli) on Linux, an MSI of the console on Windows. Included from the
# top-level CMakeLists.txt after add_subdirectory(src), so the targets exist here.
# Every version below comes from project(VERSION).

include_guard(GLOBAL)
include(GNUInstallDirs)

set(VIGIL_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})
set(VIGIL_PACKAGING_BINARY_DIR ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${VIGIL_PACKAGING_BINARY_DIR})

# The reverse-DNS id names the desktop entry, the AppStream component and the themed icon; the
# console sets the same string with QGuiApplication::setDesktopFileName so Wayland finds the icon.
set(VIGIL_CONSOLE_APP_ID org.vigil.Console)
set(VIGIL_MAINTAINER "Vigil contributors <packaging@vigil.invalid>")
# Windows Installer matches upgrades by this GUID: it must never change, or a new MSI would install
# beside the old one instead of replacing it.
set(VIGIL_WIX_UPGRADE_GUID 9F909BF9-5543-480B-AA0F-FCB3CB83D85B)
# SOURCE_DATE_EPOCH (if set) makes this reproducible; the date only labels the AppStream release.
string(TIMESTAMP VIGIL_RELEASE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP VIGIL_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)

# Debian packages install under /usr; /etc and /lib/systemd are absolute because Debian fixes them.
set(VIGIL_DEB_PREFIX /usr)
set(VIGIL_DEB_BINDIR ${VIGIL_DEB_PREFIX}/${CMAKE_INSTALL_BINDIR})
set(VIGIL_SERVER_CONFDIR /etc/vigil)
set(VIGIL_SERVER_STATEDIR /var/lib/vigil)
set(VIGIL_SERVER_USER _vigil)

set(VIGIL_HAVE_CONSOLE_PACKAGE OFF)
if(TARGET vigil-console)
    set(VIGIL_HAVE_CONSOLE_PACKAGE ON)
endif()

# --- Icons -----------------------------------------------------------------------------------------
# PNGs for the hicolor theme and the Windows .ico are rendered from the one SVG at build time.
set(VIGIL_ICON_SVG ${PROJECT_SOURCE_DIR}/resources/icons/vigil.svg)
set(VIGIL_ICON_SIZES 16 24 32 48 64 128 256)
set(VIGIL_ICON_ICO_SIZES 16 24 32 48 64 256)
find_program(VIGIL_RSVG_CONVERT rsvg-convert DOC "SVG renderer (Debian: librsvg2-bin)")
find_package(Python3 COMPONENTS Interpreter QUIET)
set(VIGIL_ICON_DIR ${VIGIL_PACKAGING_BINARY_DIR}/icons)
set(VIGIL_ICON_ICO ${VIGIL_ICON_DIR}/vigil-console.ico)
set(VIGIL_HAVE_PNG_ICONS OFF)
set(VIGIL_HAVE_ICO OFF)
if(VIGIL_RSVG_CONVERT)
    set(VIGIL_HAVE_PNG_ICONS ON)
    set(vigil_icon_outputs)
    foreach(size IN LISTS VIGIL_ICON_SIZES)
        set(png ${VIGIL_ICON_DIR}/hicolor/${size}x${size}/apps/${VIGIL_CONSOLE_APP_ID}.png)
        add_custom_command(OUTPUT ${png}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${VIGIL_ICON_DIR}/hicolor/${size}x${size}/apps
            COMMAND ${VIGIL_RSVG_CONVERT} --width=${size} --height=${size} --keep-aspect-ratio
                    --output=${png} ${VIGIL_ICON_SVG}
            DEPENDS ${VIGIL_ICON_SVG}
            COMMENT "Rendering ${size}x${size} icon"
            VERBATIM)
        list(APPEND vigil_icon_outputs ${png})
    endforeach()
    if(Python3_Interpreter_FOUND)
        set(VIGIL_HAVE_ICO ON)
        set(ico_inputs)
        foreach(size IN LISTS VIGIL_ICON_ICO_SIZES)
            list(APPEND ico_inputs ${VIGIL_ICON_DIR}/hicolor/${size}x${size}/apps/${VIGIL_CONSOLE_APP_ID}.png)
        endforeach()
        add_custom_command(OUTPUT ${VIGIL_ICON_ICO}
            COMMAND Python3::Interpreter ${VIGIL_PACKAGING_DIR}/icons/make-ico.py ${VIGIL_ICON_ICO} ${ico_inputs}
            DEPENDS ${ico_inputs} ${VIGIL_PACKAGING_DIR}/icons/make-ico.py
            COMMENT "Packing the Windows icon"
            VERBATIM)
        list(APPEND vigil_icon_outputs ${VIGIL_ICON_ICO})
    endif()
    add_custom_target(vigil_icons ALL DEPENDS ${vigil_icon_outputs})
else()
    message(STATUS "rsvg-convert not found: packages get the SVG icon only (apt-get install librsvg2-bin)")
endif()

# --- Console (desktop entry, AppStream, icons) -----------------------------------------------------
if(VIGIL_HAVE_CONSOLE_PACKAGE)
    configure_file(${VIGIL_PACKAGING_DIR}/linux/${VIGIL_CONSOLE_APP_ID}.desktop.in
        ${VIGIL_PACKAGING_BINARY_DIR}/${VIGIL_CONSOLE_APP_ID}.desktop @ONLY)
    configure_file(${VIGIL_PACKAGING_DIR}/linux/${VIGIL_CONSOLE_APP_ID}.metainfo.xml.in
        ${VIGIL_PACKAGING_BINARY_DIR}/${VIGIL_CONSOLE_APP_ID}.metainfo.xml @ONLY)
    if(UNIX AND NOT APPLE)
        install(FILES ${VIGIL_PACKAGING_BINARY_DIR}/${VIGIL_CONSOLE_APP_ID}.desktop
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/applications COMPONENT console)
        install(FILES ${VIGIL_PACKAGING_BINARY_DIR}/${VIGIL_CONSOLE_APP_ID}.metainfo.xml
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/metainfo COMPONENT console)
        install(FILES ${VIGIL_ICON_SVG} DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps
            RENAME ${VIGIL_CONSOLE_APP_ID}.svg COMPONENT console)
        if(VIGIL_HAVE_PNG_ICONS)
            install(DIRECTORY ${VIGIL_ICON_DIR}/hicolor DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/icons
                COMPONENT console FILES_MATCHING PATTERN "*.png")
        endif()
    endif()
endif()

# --- Server (systemd unit, environment file, maintainer scripts) ----------------------------------
if(UNIX AND NOT APPLE AND TARGET vigil-server)
    configure_file(${VIGIL_PACKAGING_DIR}/linux/vigil-server.service.in
        ${VIGIL_PACKAGING_BINARY_DIR}/vigil-server.service @ONLY)
    install(FILES ${VIGIL_PACKAGING_BINARY_DIR}/vigil-server.service
        DESTINATION /lib/systemd/system COMPONENT server)
    install(FILES ${VIGIL_PACKAGING_DIR}/linux/vigil-server.env
        DESTINATION ${VIGIL_SERVER_CONFDIR} COMPONENT server)
    configure_file(${VIGIL_PACKAGING_DIR}/linux/vigil-server-admin.in
        ${VIGIL_PACKAGING_BINARY_DIR}/vigil-server-admin @ONLY)
    install(PROGRAMS ${VIGIL_PACKAGING_BINARY_DIR}/vigil-server-admin
        DESTINATION ${CMAKE_INSTALL_SBINDIR} COMPONENT server)
    install(FILES ${VIGIL_PACKAGING_DIR}/nginx/vigil.conf
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/vigil-server/examples
        COMPONENT server)
    install(FILES ${PROJECT_SOURCE_DIR}/docs/ADMIN.md
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/vigil-server COMPONENT server)

    set(VIGIL_DEB_SERVER_CONTROL_DIR ${VIGIL_PACKAGING_BINARY_DIR}/deb/server)
    file(MAKE_DIRECTORY ${VIGIL_DEB_SERVER_CONTROL_DIR})
    foreach(script postinst prerm postrm)
        configure_file(${VIGIL_PACKAGING_DIR}/deb/server/${script}.in ${VIGIL_DEB_SERVER_CONTROL_DIR}/${script}
            @ONLY FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
            WORLD_READ WORLD_EXECUTE)
    endforeach()
    file(CONFIGURE OUTPUT ${VIGIL_DEB_SERVER_CONTROL_DIR}/conffiles
        CONTENT "${VIGIL_SERVER_CONFDIR}/vigil-server.env\n")
endif()

# Debian wants a copyright file and a changelog in every package's doc directory.
if(UNIX AND NOT APPLE)
    set(vigil_deb_components)
    if(VIGIL_HAVE_CONSOLE_PACKAGE)
        list(APPEND vigil_deb_components console)
    endif()
    if(TARGET vigil-server)
        list(APPEND vigil_deb_components server)
    endif()
    configure_file(${VIGIL_PACKAGING_DIR}/deb/changelog.in ${VIGIL_PACKAGING_BINARY_DIR}/deb/changelog @ONLY)
    # gzip -n: no name or timestamp inside, so the file is reproducible (lintian checks for that).
    add_custom_command(OUTPUT ${VIGIL_PACKAGING_BINARY_DIR}/deb/changelog.gz
        COMMAND gzip -9nkf ${VIGIL_PACKAGING_BINARY_DIR}/deb/changelog
        DEPENDS ${VIGIL_PACKAGING_BINARY_DIR}/deb/changelog
        VERBATIM)
    add_custom_target(vigil_deb_changelog ALL DEPENDS ${VIGIL_PACKAGING_BINARY_DIR}/deb/changelog.gz)
    foreach(component IN LISTS vigil_deb_components)
        install(FILES ${VIGIL_PACKAGING_DIR}/deb/copyright ${VIGIL_PACKAGING_BINARY_DIR}/deb/changelog.gz
            DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/vigil-${component} COMPONENT ${component})
    endforeach()
endif()

# --- Windows: windeployqt and the WiX sources ------------------------------------------------------
if(VIGIL_HAVE_CONSOLE_PACKAGE)
    set(VIGIL_CONSOLE_EXE vigil-console${CMAKE_EXECUTABLE_SUFFIX})
    configure_file(${VIGIL_PACKAGING_DIR}/wix/vigil-console.wxs.in
        ${VIGIL_PACKAGING_BINARY_DIR}/wix/vigil-console.wxs @ONLY)
endif()
if(WIN32 AND VIGIL_HAVE_CONSOLE_PACKAGE)
    # Qt's DLLs and plugins go next to the .exe in the staged tree, so CPack's WiX harvest takes them.
    get_target_property(vigil_qmake Qt6::qmake IMPORTED_LOCATION)
    get_filename_component(vigil_qt_bindir "${vigil_qmake}" DIRECTORY)
    find_program(VIGIL_WINDEPLOYQT windeployqt HINTS "${vigil_qt_bindir}" REQUIRED)
    install(CODE "
        execute_process(COMMAND \"${VIGIL_WINDEPLOYQT}\" --no-system-d3d-compiler
                --no-opengl-sw \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${VIGIL_CONSOLE_EXE}\"
            COMMAND_ERROR_IS_FATAL ANY)" COMPONENT console)
    set_property(INSTALL "${CMAKE_INSTALL_BINDIR}/${VIGIL_CONSOLE_EXE}"
        PROPERTY CPACK_START_MENU_SHORTCUTS "Vigil Console")
endif()

# --- CPack ------------------------------------------------------------------------------------------
set(CPACK_PACKAGE_NAME vigil)
set(CPACK_PACKAGE_VENDOR "Vigil contributors")
set(CPACK_PACKAGE_CONTACT "${VIGIL_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Vigil")
set(CPACK_STRIP_FILES ON)

set(CPACK_COMPONENT_CONSOLE_DISPLAY_NAME "Vigil Console")
set(CPACK_COMPONENT_CONSOLE_DESCRIPTION "Clinician alert console")
set(CPACK_COMPONENT_SERVER_DISPLAY_NAME "Vigil Server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION "Alert server and command-line client")

if(WIN32)
    set(CPACK_GENERATOR "WIX;ZIP")
    # The MSI carries the console only: ward PCs run Windows, the server runs on Debian.
    set(CPACK_COMPONENTS_ALL console)
    set(CPACK_PACKAGE_NAME "Vigil Console")
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
    set(CPACK_WIX_UPGRADE_GUID ${VIGIL_WIX_UPGRADE_GUID})
    set(CPACK_WIX_LICENSE_RTF ${VIGIL_PACKAGING_DIR}/wix/license.rtf)
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Vigil")
    set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_WIX_PROPERTY_ARPHELPLINK "${PROJECT_HOMEPAGE_URL}")
    if(VIGIL_HAVE_ICO)
        set(CPACK_WIX_PRODUCT_ICON ${VIGIL_ICON_ICO})
    endif()
elseif(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB)
    # No CPACK_PACKAGE_DESCRIPTION_SUMMARY here: CPackDeb would put it before each package's own summary.
    set(CPACK_COMPONENTS_ALL ${vigil_deb_components})
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_PACKAGING_INSTALL_PREFIX ${VIGIL_DEB_PREFIX})
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${VIGIL_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

    set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME vigil-console)
    set(CPACK_DEBIAN_CONSOLE_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_CONSOLE_DESCRIPTION
        "clinician alert console for Vigil servers
Vigil Console shows live patient alerts and the triage queue of the wards a
nurse follows. It reconnects on its own after network drops and server
restarts, fetches what it missed, and raises a banner and a sound when the
feed is lost, so that no alert is silently missed.")
    # Plugins are loaded at run time, so shlibdeps cannot see them: the xcb/wayland platforms and
    # the SVG icon engine. Stored logins need a Secret Service (or KWallet) on the desktop.
    set(CPACK_DEBIAN_CONSOLE_PACKAGE_DEPENDS "libqt6svg6, qt6-qpa-plugins")
    set(CPACK_DEBIAN_CONSOLE_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager, qt6-translations-l10n, qt6-wayland")

    set(CPACK_DEBIAN_SERVER_PACKAGE_NAME vigil-server)
    set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
    set(CPACK_DEBIAN_SERVER_DESCRIPTION
        "alert server for the Vigil clinician console, and vigil-cli
vigil-server publishes patient alerts and the triage queue over Socket.IO
(Engine.IO v4, Socket.IO v5) and a REST API on one port. Alerts are stored
in SQLite (or PostgreSQL) before they are sent. It runs as a hardened
systemd service. vigil-cli is a command-line client for testers and admins.")
    set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
    set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "libqt6sql6-psql, nginx, sqlite3")
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
        ${VIGIL_DEB_SERVER_CONTROL_DIR}/postinst
        ${VIGIL_DEB_SERVER_CONTROL_DIR}/prerm
        ${VIGIL_DEB_SERVER_CONTROL_DIR}/postrm
        ${VIGIL_DEB_SERVER_CONTROL_DIR}/conffiles)
endif()

include(CPack)
