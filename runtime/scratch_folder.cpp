#include "runtime/scratch_folder.hpp"

#include "engine/core/error.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>

namespace revshare::app {

namespace fs = std::filesystem;

ScratchFolder::ScratchFolder(const std::string& prefix, const std::string& who) {
    std::error_code no_temp;
    const fs::path temp = fs::temp_directory_path(no_temp);
    std::string pattern = ((no_temp ? fs::path("/tmp") : temp) / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw Error(who + ": cannot make a scratch folder in " + fs::path(pattern).parent_path().string() + ": " +
                    std::strerror(errno));
    }
    path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

}  // namespace revshare::app
