"""A zipfile.ZipFile whose entries all carry one fixed timestamp, for producers (openpyxl) that
would otherwise stamp each zip entry with the current time. Part bytes are not touched."""
import zipfile

FIXED = (2026, 1, 1, 0, 0, 0)


class FixedTimeZipFile(zipfile.ZipFile):
    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zi = zipfile.ZipInfo(zinfo_or_arcname, FIXED)
            zi.compress_type = self.compression
            zi._compresslevel = self.compresslevel
            zi.external_attr = 0o600 << 16
            zinfo_or_arcname = zi
        return super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as f:
            data = f.read()
        return self.writestr(arcname or filename, data, compress_type, compresslevel)
