// Boost.JSON compiled into libalam (header-only mode), so that users of alam need no Boost.
#include <boost/json/src.hpp>
