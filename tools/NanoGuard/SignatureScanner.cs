// Decodes metadata signatures to readable names while noting generic instantiations, pointers and volatile modifiers.
namespace NanoGuard
{
    using System.Collections.Immutable;
    using System.Reflection.Metadata;

    /// <summary>
    /// A signature type provider that renders type names and records, per decode, whether the signature
    /// contained something nanoCLR 1.17 cannot run. Reset <see cref="Clear"/> before each decode.
    /// </summary>
    internal sealed class SignatureScanner : ISignatureTypeProvider<string, object>
    {
        private readonly MetadataReader _reader;

        public SignatureScanner(MetadataReader reader) => _reader = reader;

        public bool SawGenericInstance { get; private set; }
        public bool SawGenericParameter { get; private set; }
        public bool SawPointer { get; private set; }
        public bool SawVolatile { get; private set; }

        public void Clear()
        {
            SawGenericInstance = false;
            SawGenericParameter = false;
            SawPointer = false;
            SawVolatile = false;
        }

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetFunctionPointerType(MethodSignature<string> signature)
        {
            SawPointer = true;
            return "delegate*<" + string.Join(",", signature.ParameterTypes) + "," + signature.ReturnType + ">";
        }

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
        {
            SawGenericInstance = true;
            return genericType + "<" + string.Join(",", typeArguments) + ">";
        }

        public string GetGenericMethodParameter(object genericContext, int index)
        {
            SawGenericParameter = true;
            return "!!" + index;
        }

        public string GetGenericTypeParameter(object genericContext, int index)
        {
            SawGenericParameter = true;
            return "!" + index;
        }

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired)
        {
            if (isRequired && modifier.EndsWith("IsVolatile", System.StringComparison.Ordinal)) SawVolatile = true;
            return unmodifiedType;
        }

        public string GetPinnedType(string elementType) => elementType;

        public string GetPointerType(string elementType)
        {
            SawPointer = true;
            return elementType + "*";
        }

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => MetadataNames.Of(reader, handle);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => MetadataNames.Of(reader, handle);

        public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
    }
}
