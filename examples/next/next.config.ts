import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  /* config options here */
  cacheComponents: true,
  partialPrefetching: true,
  // This app sits inside the library's repository, which has its own lock file: without this,
  // Next warns that it guessed the workspace root from the outer one.
  turbopack: { root: __dirname },
};

export default nextConfig;
