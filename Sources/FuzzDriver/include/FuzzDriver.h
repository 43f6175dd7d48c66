#ifndef GONGKAI_FUZZ_DRIVER_H
#define GONGKAI_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for a program with its own `main`. Declared weak: it is only there when
/// the program is linked with `-sanitize=fuzzer` (scripts/fuzz), so plain `swift build` and
/// `swift test` still link, and the address is null.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size))
    __attribute__((weak));

/// 1 when libFuzzer is linked in (LLVMFuzzerRunDriver is not null), else 0. A Swift caller cannot test
/// a weak C function against null itself.
int gongkai_fuzz_driver_available(void);

#endif
