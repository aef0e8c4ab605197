import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files relative to its own package: bundling it breaks that.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "nodemailer"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Dataset uploads go through a server action: room for the 5 MB CSV limit plus form overhead.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
};

export default nextConfig;
