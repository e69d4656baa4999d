/**
 * The handover package (DESIGN.md §5) as the rest of the app uses it:
 * package-format.ts says what a package is made of, package-writer.ts writes
 * one (streamed, signed, encrypted), package-inspect.ts checks one before
 * decrypting it, package-open.ts decrypts it and checks its bag.
 */
export { PACKAGE_FORMAT, PackageError, recipientFingerprint, type PackageInfo, type PackageMeta, type StreamControl } from './package-format';
export {
  bagParts, inMemory, memorySink, PackageChangedError, writePackage, writePackageStream, type BagStream, type OutFile, type PackageSink,
} from './package-writer';
export { bufferSource, fileSource, inspectPackage, type PackageSource } from './package-inspect';
export { openPackage, openPackageStream, type BagSink, type OpenedBag } from './package-open';
