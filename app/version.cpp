// revshare version string.
namespace revshare::app {
extern const char* const version;
const char* const version = "0.1.0";
}  // namespace revshare::app
