# SPDX-FileCopyrightText: 2026 Vigil contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Console model benchmarks.
add_executable(bench_alertmodel bench_alertmodel.cpp)
target_link_libraries(bench_alertmodel PRIVATE vigil_common_cfg vigil_console_core benchmark::benchmark)
add_test(NAME bench_alertmodel_smoke COMMAND bench_alertmodel --benchmark_min_time=0.01)
set_tests_properties(bench_alertmodel_smoke PROPERTIES
    LABELS "benchmark-smoke" TIMEOUT 300 ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
