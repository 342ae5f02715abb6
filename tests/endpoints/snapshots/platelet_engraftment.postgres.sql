WITH "t4" AS (
  SELECT
    "t2"."patient_id",
    "t2"."day"
  FROM (
    SELECT
      *
    FROM "transfusions" AS "t0"
    WHERE
      "t0"."product" = 'platelets'
  ) AS "t2"
), "t10" AS (
  SELECT
    "t8"."patient_id",
    MIN("t8"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      *
    FROM "t4" AS "t5"
    WHERE
      "t5"."day" >= 0
  ) AS "t8"
  GROUP BY
    1
), "t14" AS (
  SELECT
    "t9"."patient_id",
    "t9"."day",
    "t9"."value",
    "t9"."platelet_engraftment_meets",
    "t9"."platelet50_engraftment_meets",
    "t9"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t9"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t9"."patient_id"
        ORDER BY "t9"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t9"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t9"."patient_id"
        ORDER BY "t9"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t9"."day", 1) OVER (
          PARTITION BY "t9"."patient_id"
          ORDER BY "t9"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t9"."day", 2) OVER (
          PARTITION BY "t9"."patient_id"
          ORDER BY "t9"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t9"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t9"."patient_id"
      ORDER BY "t9"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t9"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t9"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t9"."patient_id"
        ORDER BY "t9"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t9"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t9"."patient_id"
        ORDER BY "t9"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t9"."day", 1) OVER (
          PARTITION BY "t9"."patient_id"
          ORDER BY "t9"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t9"."day", 2) OVER (
          PARTITION BY "t9"."patient_id"
          ORDER BY "t9"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t9"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t9"."patient_id"
      ORDER BY "t9"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t7"."patient_id",
      "t7"."day",
      "t7"."value",
      "t7"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t7"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM (
      SELECT
        "t3"."patient_id",
        "t3"."day",
        MIN(CASE WHEN "t3"."qualifier" = '<' THEN 0.0 ELSE "t3"."value" END) AS "value"
      FROM (
        SELECT
          *
        FROM "labs" AS "t1"
        WHERE
          "t1"."analyte" = 'plt' AND "t1"."day" >= 0
      ) AS "t3"
      GROUP BY
        1,
        2
    ) AS "t7"
  ) AS "t9"
), "t17" AS (
  SELECT
    "t15"."patient_id",
    BOOL_OR(NOT (
      "t15"."platelet_engraftment_meets"
    )) AS "platelet_engraftment_fell",
    BOOL_OR(NOT (
      "t15"."platelet50_engraftment_meets"
    )) AS "platelet50_engraftment_fell"
  FROM "t14" AS "t15"
  GROUP BY
    1
)
SELECT
  "t39"."patient_id",
  "t39"."day",
  COALESCE("t39"."platelet_engraftment_fell", FALSE)
  OR (
    "t39"."first_transfusion_day" IS NOT NULL
  ) AS "applicable"
FROM (
  SELECT
    "t38"."patient_id",
    "t38"."platelet_engraftment_fell",
    "t38"."platelet50_engraftment_fell",
    "t38"."first_transfusion_day",
    "t38"."day"
  FROM (
    SELECT
      "t35"."patient_id",
      "t35"."platelet_engraftment_fell",
      "t35"."platelet50_engraftment_fell",
      "t35"."first_transfusion_day",
      "t37"."patient_id" AS "patient_id_right",
      "t37"."day"
    FROM (
      SELECT
        "t32"."patient_id",
        "t32"."platelet_engraftment_fell",
        "t32"."platelet50_engraftment_fell",
        "t32"."first_transfusion_day"
      FROM (
        SELECT
          "t30"."patient_id",
          "t30"."platelet_engraftment_fell",
          "t30"."platelet50_engraftment_fell",
          "t12"."patient_id" AS "patient_id_right",
          "t12"."first_transfusion_day"
        FROM (
          SELECT
            "t27"."patient_id",
            "t27"."platelet_engraftment_fell",
            "t27"."platelet50_engraftment_fell"
          FROM (
            SELECT
              "t24"."patient_id",
              "t21"."patient_id" AS "patient_id_right",
              "t21"."platelet_engraftment_fell",
              "t21"."platelet50_engraftment_fell"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  "t19"."patient_id"
                FROM "t17" AS "t19"
              ) AS "t22"
              UNION
              SELECT
                *
              FROM (
                SELECT
                  "t11"."patient_id"
                FROM "t10" AS "t11"
              ) AS "t13"
            ) AS "t24"
            LEFT OUTER JOIN "t17" AS "t21"
              ON "t24"."patient_id" = "t21"."patient_id"
          ) AS "t27"
        ) AS "t30"
        LEFT OUTER JOIN "t10" AS "t12"
          ON "t30"."patient_id" = "t12"."patient_id"
      ) AS "t32"
    ) AS "t35"
    LEFT OUTER JOIN (
      SELECT
        "t34"."patient_id",
        CAST(MIN("t34"."day") AS BIGINT) AS "day"
      FROM (
        SELECT
          "t31"."patient_id",
          "t31"."day",
          "t31"."failed_before",
          "t31"."first_transfusion_day"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t25"."patient_id",
              "t25"."day",
              "t25"."failed_before",
              "t25"."first_transfusion_day"
            FROM (
              SELECT
                "t20"."patient_id",
                "t20"."day",
                "t20"."failed_before",
                "t12"."patient_id" AS "patient_id_right",
                "t12"."first_transfusion_day"
              FROM (
                SELECT
                  "t16"."patient_id",
                  "t16"."day",
                  "t16"."platelet_engraftment_failed_before" AS "failed_before"
                FROM (
                  SELECT
                    *
                  FROM "t14" AS "t15"
                  WHERE
                    "t15"."platelet_engraftment_run_start"
                ) AS "t16"
              ) AS "t20"
              LEFT OUTER JOIN "t10" AS "t12"
                ON "t20"."patient_id" = "t12"."patient_id"
            ) AS "t25"
          ) AS "t26"
          WHERE
            "t26"."failed_before"
            OR COALESCE("t26"."first_transfusion_day" < "t26"."day", FALSE)
        ) AS "t31"
        WHERE
          NOT EXISTS(
            SELECT
              1
            FROM "t4" AS "t6"
            WHERE
              "t31"."patient_id" = "t6"."patient_id"
              AND "t6"."day" <= "t31"."day"
              AND "t6"."day" > (
                "t31"."day" - 7
              )
          )
      ) AS "t34"
      GROUP BY
        1
    ) AS "t37"
      ON "t35"."patient_id" = "t37"."patient_id"
  ) AS "t38"
) AS "t39"
