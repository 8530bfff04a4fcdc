//! Enums of the DTO vocabulary that mirror an enum of the model variant for variant.

/// Declares a DTO enum that mirrors `$model` (imported under a plain name), with `From`
/// both ways: a variant added on one side and not the other does not compile. The second
/// form adds the conversions for one more model enum with the same variants.
macro_rules! mirror {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $model:ident {
            $($(#[$variant_meta:meta])* $variant:ident),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $($(#[$variant_meta])* $variant),+
        }
        mirror!(impl $name <=> $model { $($variant),+ });
    };
    (impl $name:ident <=> $model:ident { $($variant:ident),+ }) => {
        impl From<$model> for $name {
            fn from(value: $model) -> Self {
                match value {
                    $($model::$variant => Self::$variant),+
                }
            }
        }

        impl From<$name> for $model {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => Self::$variant),+
                }
            }
        }
    };
}
