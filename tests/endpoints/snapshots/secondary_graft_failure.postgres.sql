WITH "t3" AS (
  SELECT
    "t2"."patient_id",
    "t2"."day",
    COALESCE(
      "t2"."anc",
      CAST((
        "t2"."wbc" * (
          "t2"."seg" + COALESCE("t2"."bands", 0.0)
        )
      ) AS DOUBLE PRECISION) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t1"."patient_id",
      "t1"."day",
      MIN(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
        "t1"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
        "t1"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
        "t1"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t1"."qualifier" = '<' THEN 0.0 ELSE "t1"."value" END) FILTER(WHERE
        "t1"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t0"
      WHERE
        "t0"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t0"."day" >= 0
    ) AS "t1"
    GROUP BY
      1,
      2
  ) AS "t2"
)
SELECT
  "t14"."patient_id",
  CAST(MIN("t14"."day") FILTER(WHERE
    "t14"."run_start") AS BIGINT) AS "loss_day"
FROM (
  SELECT
    "t13"."patient_id",
    "t13"."day",
    "t13"."value",
    "t13"."meets",
    "t13"."meets"
    AND COALESCE(
      LEAD("t13"."meets", 1) OVER (
        PARTITION BY "t13"."patient_id"
        ORDER BY "t13"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t13"."meets", 2) OVER (
        PARTITION BY "t13"."patient_id"
        ORDER BY "t13"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t13"."day", 1) OVER (
          PARTITION BY "t13"."patient_id"
          ORDER BY "t13"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t13"."day", 2) OVER (
          PARTITION BY "t13"."patient_id"
          ORDER BY "t13"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "run_start",
    SUM(CASE WHEN "t13"."meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t13"."patient_id"
      ORDER BY "t13"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "failed_before"
  FROM (
    SELECT
      "t12"."patient_id",
      "t12"."day",
      "t12"."value",
      "t12"."value" < 0.5 AS "meets"
    FROM (
      SELECT
        "t7"."patient_id",
        "t7"."day",
        "t7"."value",
        "t11"."engraftment_day"
      FROM (
        SELECT
          *
        FROM "t3" AS "t4"
        WHERE
          "t4"."value" IS NOT NULL
      ) AS "t7"
      INNER JOIN (
        SELECT
          "t9"."patient_id",
          "t9"."day" AS "engraftment_day"
        FROM (
          SELECT
            "t8"."patient_id",
            CAST(MIN("t8"."day") FILTER(WHERE
              "t8"."run_start" AND "t8"."failed_before") AS BIGINT) AS "day",
            BOOL_OR(NOT (
              "t8"."meets"
            )) AS "applicable"
          FROM (
            SELECT
              "t6"."patient_id",
              "t6"."day",
              "t6"."value",
              "t6"."meets",
              "t6"."meets"
              AND COALESCE(
                LEAD("t6"."meets", 1) OVER (
                  PARTITION BY "t6"."patient_id"
                  ORDER BY "t6"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ),
                FALSE
              )
              AND COALESCE(
                LEAD("t6"."meets", 2) OVER (
                  PARTITION BY "t6"."patient_id"
                  ORDER BY "t6"."day" ASC
                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                ),
                FALSE
              )
              AND (
                TRUE
                AND (
                  LEAD("t6"."day", 1) OVER (
                    PARTITION BY "t6"."patient_id"
                    ORDER BY "t6"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) IS NOT NULL
                )
                AND (
                  LEAD("t6"."day", 2) OVER (
                    PARTITION BY "t6"."patient_id"
                    ORDER BY "t6"."day" ASC
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                  ) IS NOT NULL
                )
              ) AS "run_start",
              SUM(CASE WHEN "t6"."meets" THEN 0 ELSE 1 END) OVER (
                PARTITION BY "t6"."patient_id"
                ORDER BY "t6"."day" ASC
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
              ) > 0 AS "failed_before"
            FROM (
              SELECT
                "t4"."patient_id",
                "t4"."day",
                "t4"."value",
                "t4"."value" >= 0.5 AS "meets"
              FROM "t3" AS "t4"
              WHERE
                "t4"."value" IS NOT NULL
            ) AS "t6"
          ) AS "t8"
          GROUP BY
            1
        ) AS "t9"
        WHERE
          "t9"."day" IS NOT NULL
      ) AS "t11"
        ON "t7"."patient_id" = "t11"."patient_id"
    ) AS "t12"
    WHERE
      "t12"."day" > "t12"."engraftment_day"
  ) AS "t13"
) AS "t14"
GROUP BY
  1
