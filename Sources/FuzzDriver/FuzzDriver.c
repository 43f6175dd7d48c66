#include "FuzzDriver.h"

int gongkai_fuzz_driver_available(void) { return LLVMFuzzerRunDriver != NULL; }
